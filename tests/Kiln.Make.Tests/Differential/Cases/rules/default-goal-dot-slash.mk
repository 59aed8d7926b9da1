.hidden: ;
./x.y: ;
$(info [$(.DEFAULT_GOAL)])
all: ;
