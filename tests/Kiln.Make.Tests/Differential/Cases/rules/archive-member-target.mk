lib.a(m.o): ; @:
$(info [$(.DEFAULT_GOAL)])
all: ;
#--- args: all
