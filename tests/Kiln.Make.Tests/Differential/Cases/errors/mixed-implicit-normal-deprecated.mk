$(info [before])
a %.o: x
all: ;
#--- args: all
