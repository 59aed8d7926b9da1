x = a
x +=
y := b
y +=
z +=
$(info [$(x)] [$(y)] [$(z)] [$(flavor z)] [$(origin z)])
all: ;
