.PHONY: all
$(info [$(.DEFAULT_GOAL)])
.hidden: ;
first second: ;
$(info [$(.DEFAULT_GOAL)])
all: ;
