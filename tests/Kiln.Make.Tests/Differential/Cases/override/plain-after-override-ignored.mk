override x = 1
x = 2
x += 3
x := 4
$(info [$(x)] [$(origin x)])
override x += 5
$(info [$(x)])
all: ;
