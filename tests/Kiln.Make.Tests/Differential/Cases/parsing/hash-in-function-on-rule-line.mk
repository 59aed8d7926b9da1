t: $(info [prereq a # b]) ; @:
all: ;
#--- args: all
