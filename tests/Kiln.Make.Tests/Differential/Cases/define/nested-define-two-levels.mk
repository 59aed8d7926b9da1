define outer
define middle
define inner
deep
endef
endef
endef
$(eval $(outer))
$(eval $(middle))
$(info [$(inner)])
$(info [$(middle)])
all: ;
