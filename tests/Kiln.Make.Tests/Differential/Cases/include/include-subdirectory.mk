include sub/inner.mk
$(info [$(MAKEFILE_LIST)])
$(info [$(INNER)])
all: ;
#--- file: sub/inner.mk
INNER = $(lastword $(MAKEFILE_LIST))
include sub/deeper.mk
#--- file: sub/deeper.mk
$(info [deeper sees $(lastword $(MAKEFILE_LIST))])
