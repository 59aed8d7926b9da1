t:
ifeq (a,a)
endif
	$(info [not expanded])
$(info [read])
all: ;
#--- args: all
#--- file: e.mk
