define inc
-include nope.mk
include e.mk
endef
$(eval $(inc))
$(info [$(E)])
all: ;
#--- file: e.mk
E = $(lastword $(MAKEFILE_LIST))
$(warning in e)
