include
-include
sinclude
include $(empty)
$(info [$(MAKEFILE_LIST)])
all: ;
