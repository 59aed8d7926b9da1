include found.mk
$(info [$(MAKEFILE_LIST)])
all: ;
#--- file: sub/found.mk
#--- args: -I ./sub
