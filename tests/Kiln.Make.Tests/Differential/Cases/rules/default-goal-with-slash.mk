.special: ;
dir/file: ;
$(info [$(.DEFAULT_GOAL)])
all: ;
