objs = a.o b.o
$(objs): %.o: %.c ; @:
$(info [$(.DEFAULT_GOAL)])
all: ;
#--- args: all
