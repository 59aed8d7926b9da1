$(shell touch a.c)
$(info [$(wildcard *.c)])
$(shell touch b.c)
$(file >c.c,x)
$(info [$(wildcard *.c)] [$(wildcard b.c)] [$(wildcard c.c)])
all: ;
