$(shell touch a.c b.c)
$(info [$(wildcard *.c)])
$(shell rm a.c)
$(info [$(wildcard *.c)] [$(wildcard a.c)])
all: ;
