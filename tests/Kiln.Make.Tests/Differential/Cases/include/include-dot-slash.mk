include ./dot.mk sub/../dot.mk
$(info [$(MAKEFILE_LIST)])
all: ;
#--- file: dot.mk
$(info [dot])
#--- file: sub/keep
