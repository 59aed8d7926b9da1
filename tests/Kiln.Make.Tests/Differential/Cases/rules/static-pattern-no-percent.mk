$(info [before])
a.o b.o: foo.o: %.c ; @:
$(info [after])
all: ;
