rule = made: ; @:
$(rule)
$(info [$(.DEFAULT_GOAL)])
all: ;
