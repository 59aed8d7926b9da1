$(shell mkdir -p d2/x d1 && touch file d1/a.c d2/b.c d2/x/c.c)
$(info [$(wildcard */)])
$(info [$(wildcard */*.c)])
$(info [$(wildcard */*/)])
$(info [$(wildcard d1 d1/)])
all: ;
