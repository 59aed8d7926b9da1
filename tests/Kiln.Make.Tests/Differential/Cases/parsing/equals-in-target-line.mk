t: a=b c
$(info [$(.DEFAULT_GOAL)])
all: ;
