define outer
define inner
endef
