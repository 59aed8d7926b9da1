include sub/x.mk
$(info [$(MAKEFILE_LIST)])
all: ;
#--- file: inc/sub/x.mk
#--- args: -I inc
