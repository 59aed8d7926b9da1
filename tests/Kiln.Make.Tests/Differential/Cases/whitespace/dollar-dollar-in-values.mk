x = cost $$5 and $$$$
y := $$(not a ref)
$(info [$(x)] [$(y)] [$$])
all: ;
