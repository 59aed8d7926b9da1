$(info [0 $(MAKEFILE_LIST)])
include l1.mk
$(info [3 $(MAKEFILE_LIST)])
include l1b.mk
all: ;
#--- file: l1.mk
$(info [1 $(MAKEFILE_LIST)])
include l2.mk
#--- file: l2.mk
$(info [2 $(MAKEFILE_LIST)])
#--- file: l1b.mk
$(info [4 $(lastword $(MAKEFILE_LIST))])
