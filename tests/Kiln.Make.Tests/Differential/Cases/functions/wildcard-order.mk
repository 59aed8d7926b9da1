$(shell touch b.c a.c c.h a.h)
$(info $(wildcard *.c *.h))
$(info $(wildcard nothing*))
all: ;
