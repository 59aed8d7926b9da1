%.x:: %.y ; @:
%.x:: %.z ; @:
$(info [$(.DEFAULT_GOAL)])
all: ;
