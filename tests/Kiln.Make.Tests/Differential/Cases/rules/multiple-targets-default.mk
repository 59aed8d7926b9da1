one two three: ; @:
$(info [$(.DEFAULT_GOAL)])
all: ;
