$(info [$(.INCLUDE_DIRS)])
all: ;
#--- args: -I inc
#--- file: inc/keep.txt
x
