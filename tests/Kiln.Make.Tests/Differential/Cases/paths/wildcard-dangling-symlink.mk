$(shell ln -s nowhere dangling && touch real)
$(info [$(wildcard dangling)])
$(info [$(wildcard dang*)])
$(info [$(wildcard real dangling)])
all: ;
