$(shell mkdir d && touch f1 d/g)
$(info [$(wildcard f1/)] [$(wildcard d/g/)] [$(wildcard f*/)])
$(info [$(wildcard f1/.)] [$(wildcard d/g/..)] [$(wildcard missing/)])
all: ;
