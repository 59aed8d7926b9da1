$(info [before])
a.o: : %.c ; @:
$(info [after])
all: ;
