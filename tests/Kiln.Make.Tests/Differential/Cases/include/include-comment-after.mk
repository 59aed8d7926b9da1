include c.mk # trailing comment
$(info [$(C)] [$(MAKEFILE_LIST)])
all: ;
#--- file: c.mk
C = c
