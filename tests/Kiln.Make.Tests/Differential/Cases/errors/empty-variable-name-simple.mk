$(info [before])
 := x
all: ;
