include found.mk
$(info [$(MAKEFILE_LIST)])
$(info [$(FOUND)])
all: ;
#--- file: sub/found.mk
FOUND = from-sub
#--- args: -I sub
