$(info [$(MAKEFLAGS)] [$(MFLAGS)])
all: ;
#--- args: -I inc
#--- file: inc/keep.txt
x
