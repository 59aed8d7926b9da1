include inc1.mk
-include missing.mk
$(info $(MAKEFILE_LIST))
$(info [$(from_inc)])
all: ;
#--- file: inc1.mk
from_inc = yes $(lastword $(MAKEFILE_LIST))
