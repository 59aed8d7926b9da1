x =
x += a
y := $(nothing)
y += b
$(info [$(x)] [$(y)])
all: ;
