$(info [$(subst ,x,abc)])
$(info [$(subst b,,abcb)])
$(info [$(subst ,,abc)])
$(info [$(subst a,b,)])
all: ;
