define v
body
  endef
$(info [$(v)])
define w
	endef
endef
$(info [$(w)])
all: ;
