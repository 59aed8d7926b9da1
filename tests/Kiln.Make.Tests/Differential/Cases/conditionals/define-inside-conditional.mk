ifdef yes
define v
ifeq
endef
else
define v
else-version
endef
endif
$(info [$(v)])
all: ;
