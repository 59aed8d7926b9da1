include null
$(info [$(MAKEFILE_LIST)])
all: ;
#--- args: -I /dev
