dc:: ; @:
dc:: ; @:
$(info [$(.DEFAULT_GOAL)])
all: ;
