x = 1
$(eval $$(eval y := $$$$(x)))
x = 2
$(info [$(y)] [$(value y)])
$(eval $$(eval z = $$$$(x)))
x = 3
$(info [$(z)] [$(value z)])
all: ;
