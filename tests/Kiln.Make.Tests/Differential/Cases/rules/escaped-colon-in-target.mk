a\:b: ; @:
$(info [$(.DEFAULT_GOAL)])
all: ;
#--- args: all
