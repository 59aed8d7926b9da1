.c.o: foo ; @:
.c.o: ; @:
$(info [$(.DEFAULT_GOAL)])
all: ;
#--- args: all
