include inc.mk
endif
all: ;
#--- file: inc.mk
$(info [in inc])
ifeq (a,a)
$(info [inc then])
