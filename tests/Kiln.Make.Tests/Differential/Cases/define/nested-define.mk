define outer
define inner
inner body
endef
endef
$(info [$(outer)])
$(eval $(outer))
$(info [$(inner)])
all: ;
