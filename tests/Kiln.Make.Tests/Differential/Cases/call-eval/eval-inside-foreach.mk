$(foreach n,a b c,$(eval $(n)_var := value-$(n)))
$(info [$(a_var)] [$(b_var)] [$(c_var)])
$(info [$(foreach n,x y,$(eval $(n) = $(n)$(n))$(n))] [$(x)] [$(y)])
all: ;
