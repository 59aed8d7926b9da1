.SUFFIXES:
.c.o: foo ; @:
$(info [read])
all: ;
#--- args: all
