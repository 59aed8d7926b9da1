$(shell touch a.c b.c)
$(info [$(wildcard {a,b}.c)])
$(info [$(wildcard *.{c,h})])
all: ;
