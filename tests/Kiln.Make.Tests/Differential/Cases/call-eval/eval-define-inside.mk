define outer
define inner
in $$(x)
endef
endef
$(eval $(outer))
x = X
$(info [$(inner)] [$(value inner)] [$(flavor inner)])
all: ;
