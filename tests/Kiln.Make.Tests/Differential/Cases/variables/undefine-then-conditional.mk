x := simple
undefine x
x ?= $(y)
y = Y
$(info [$(x)] [$(flavor x)])
all: ;
