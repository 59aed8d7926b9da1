%.o: %.c ; @:
all: ;
#--- args: a.o
