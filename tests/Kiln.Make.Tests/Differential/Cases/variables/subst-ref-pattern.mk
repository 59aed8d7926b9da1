src = dir/a.c b.c c.h
$(info [$(src:%.c=%.o)] [$(src:%=<%>)] [$(src:dir/%=%)] [${src:%.c=obj/%.o}])
all: ;
