use = yes
ifeq ($(use),yes)
include yes.mk
else
include no-such-file.mk
endif
ifdef never
include also-no-such-file.mk
endif
$(info [$(Y)] [$(MAKEFILE_LIST)])
all: ;
#--- file: yes.mk
Y = included
