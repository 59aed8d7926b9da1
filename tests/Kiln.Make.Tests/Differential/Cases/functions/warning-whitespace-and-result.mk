x := a$(warning   w1  )b
$(info [$(x)])
y := a$(info i1)b
$(info [$(y)])
$(warning)
$(warning )
all: ;
