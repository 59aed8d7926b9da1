MAKEFILE_LIST += extra
include inc.mk
$(info [$(MAKEFILE_LIST)] [$(flavor MAKEFILE_LIST)])
all: ;
#--- file: inc.mk
