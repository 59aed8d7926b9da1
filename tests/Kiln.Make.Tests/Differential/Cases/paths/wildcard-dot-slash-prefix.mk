$(shell mkdir -p sub && touch a.c b.c sub/s.c)
$(info [$(wildcard ./*.c)])
$(info [$(wildcard ./sub/../*.c)])
$(info [$(wildcard ./a.c)] [$(wildcard ./sub/*)])
all: ;
