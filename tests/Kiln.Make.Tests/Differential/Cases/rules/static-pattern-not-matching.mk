$(info [before])
a.o b.c: %.o: %.c ; @:
$(info [after])
all: ;
#--- args: all
