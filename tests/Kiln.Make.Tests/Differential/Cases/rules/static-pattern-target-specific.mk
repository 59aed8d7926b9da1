a.o b.o: %.o: V = 1
a.o b.o: %.o: %.c
$(info [$(.DEFAULT_GOAL)] [$(V)])
all: ;
#--- args: all
