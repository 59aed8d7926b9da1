$(shell mkdir d && touch f1)
$(info [$(wildcard *\/)] [$(wildcard \d)] [$(wildcard f\1)] [$(wildcard d\/)])
$(info [$(wildcard f1\)] [$(wildcard \*)] [$(wildcard \?1)] [$(wildcard [f]1)])
all: ;
