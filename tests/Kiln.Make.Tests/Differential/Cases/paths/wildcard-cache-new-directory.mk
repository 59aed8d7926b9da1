$(info [$(wildcard sub/*)])
$(shell mkdir sub && touch sub/x)
$(info [$(wildcard sub/*)] [$(wildcard sub/x)])
all: ;
