n = 2
v2 = two
$(info [$(v$(n))] [$(v$(words a b))] [$(subst x,,vx2)])
all: ;
