private x = 1
private y := 2
override private z = 3
private export w = 4
$(info [$(x)] [$(y)] [$(z)] [$(origin z)] [$(w)])
all: ;
