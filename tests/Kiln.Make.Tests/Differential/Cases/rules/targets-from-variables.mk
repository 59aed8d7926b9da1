objs = a.o b.o
name = prog
$(name): $(objs) ; @:
$(info [$(.DEFAULT_GOAL)])
all: ;
#--- args: all
