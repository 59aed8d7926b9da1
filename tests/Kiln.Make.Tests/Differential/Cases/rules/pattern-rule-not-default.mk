%.o: %.c ; @:
$(info [$(.DEFAULT_GOAL)])
real: ;
$(info [$(.DEFAULT_GOAL)])
