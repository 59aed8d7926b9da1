include twice.mk
include twice.mk
$(info [$(N)] [$(MAKEFILE_LIST)])
all: ;
#--- file: twice.mk
N += x
