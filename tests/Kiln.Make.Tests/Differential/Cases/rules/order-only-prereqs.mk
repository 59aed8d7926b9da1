t: a | b ; @:
u: | ; @:
$(info [$(.DEFAULT_GOAL)])
all: ;
#--- args: all
