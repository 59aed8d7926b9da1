src = a.c b.c c.h d.cc .c e.c.c
$(info [$(src:.c=.o)])
$(info [$(src:c=x)])
$(info [$(src:=.bak)])
all: ;
