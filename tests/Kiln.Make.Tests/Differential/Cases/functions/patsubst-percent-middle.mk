$(info [$(patsubst a%z,<%>,abz az xaz abzz a%z)])
$(info [$(patsubst src/%.c,obj/%.o,src/x.c src/d/y.c x.c)])
$(info [$(patsubst %.c,%,a.c b.c.c)])
all: ;
