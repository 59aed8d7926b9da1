$(shell mkdir -p sub && touch a.c sub/s.c)
$(info [$(wildcard sub//*.c)])
$(info [$(wildcard .//*.c)])
$(info [$(wildcard sub//s.c)])
all: ;
