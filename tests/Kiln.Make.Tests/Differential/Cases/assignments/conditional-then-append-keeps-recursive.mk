x ?= <$(y)>
x += [$(y)]
y = Y
$(info [$(x)] [$(flavor x)])
all: ;
