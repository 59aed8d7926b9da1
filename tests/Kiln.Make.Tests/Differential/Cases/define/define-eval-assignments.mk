define setup
a := 1
b = $$(a) 2
c += 3
endef
$(eval $(setup))
a := changed
$(info [$(a)] [$(b)] [$(c)])
all: ;
