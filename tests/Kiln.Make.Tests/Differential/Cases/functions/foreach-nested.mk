$(info [$(foreach a,1 2,$(foreach b,x y,$(a)$(b)))])
$(info [$(foreach a,1 2,$(foreach a,x y,$(a))$(a))])
$(info [$(foreach a,1 2,$(foreach b,$(a) z,<$(b)>))])
all: ;
