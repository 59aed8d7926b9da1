include found.mk
$(info [$(MAKEFILE_LIST)])
all: ;
#--- file: sub/found.mk
$(warning in found $(lastword $(MAKEFILE_LIST)))
x = 1
bad line
#--- args: -I sub
