$(info [before])
a.o: %.o %.x: %.c ; @:
$(info [after])
all: ;
