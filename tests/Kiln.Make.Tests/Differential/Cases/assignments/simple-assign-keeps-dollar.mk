x := a$$b$$(c)
c = C
$(info [$(x)] [$(value x)])
all: ;
