a	b :	c ; @:
$(info [$(.DEFAULT_GOAL)])
all: ;
#--- args: all
