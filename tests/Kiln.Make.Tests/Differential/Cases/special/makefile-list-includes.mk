$(info [$(lastword $(MAKEFILE_LIST))])
include sub/inc.mk
$(info [$(lastword $(MAKEFILE_LIST))] [$(words $(MAKEFILE_LIST))])
-include none.mk
$(info [$(MAKEFILE_LIST)])
all: ;
#--- file: sub/inc.mk
$(info in include: [$(lastword $(MAKEFILE_LIST))])
include sub/inc2.mk
#--- file: sub/inc2.mk
$(info in nested: [$(MAKEFILE_LIST)])
