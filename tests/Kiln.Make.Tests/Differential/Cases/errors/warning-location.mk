$(warning top level)
define warn
$(warning inside eval)
endef
$(eval $(warn))
all: ;
