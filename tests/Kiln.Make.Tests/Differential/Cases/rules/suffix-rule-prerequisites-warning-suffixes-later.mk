.x.y: foo ; @:
.SUFFIXES: .x .y
$(info [read])
all: ;
#--- args: all
