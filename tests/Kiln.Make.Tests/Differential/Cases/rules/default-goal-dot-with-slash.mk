.dir/file: ;
$(info [$(.DEFAULT_GOAL)])
.c.o: ;
all: ;
#--- args: all
