x = abc$
y := def$
$(info [$(x)] [$(y)] [$(value x)])
all: ;
