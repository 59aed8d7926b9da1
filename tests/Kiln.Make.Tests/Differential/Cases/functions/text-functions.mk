l = foo.c bar.c  baz.o
$(info [$(subst .c,.o,$(l))])
$(info [$(patsubst %.c,%.o,$(l))])
$(info [$(l:.c=.x)] [$(l:%.c=src/%.c)])
$(info [$(strip   a   b  )] [$(findstring ar,$(l))] [$(filter %.c,$(l))] [$(filter-out %.c,$(l))])
$(info [$(sort b a c a)] [$(word 2,$(l))] [$(wordlist 2,3,$(l))] [$(words $(l))])
$(info [$(firstword $(l))] [$(lastword $(l))] [$(join a b,1 2 3)])
$(info [$(dir src/a.c b.c)] [$(notdir src/a.c b.c)] [$(suffix a.c b d.e/f)] [$(basename a.c d.e/f)])
$(info [$(addsuffix .o,a b)] [$(addprefix src/,a b)] [$(abspath /a/../b/./c)])
all: ;
