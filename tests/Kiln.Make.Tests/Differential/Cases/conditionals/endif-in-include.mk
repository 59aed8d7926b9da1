ifeq (a,a)
include inc.mk
$(info [main after include])
endif
all: ;
#--- file: inc.mk
$(info [in inc])
endif
