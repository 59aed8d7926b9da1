t: V = 1
$(info [$(.DEFAULT_GOAL)])
all: ;
$(info [$(.DEFAULT_GOAL)])
