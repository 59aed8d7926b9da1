x = 1
y := 2
undefine x
undefine y z
$(info [$(x)] [$(origin x)] [$(flavor y)] [$(origin z)])
x += after
$(info [$(x)] [$(flavor x)])
all: ;
