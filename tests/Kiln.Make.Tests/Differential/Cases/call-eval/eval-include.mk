$(eval include part.mk)
$(info [$(from_part)] [$(MAKEFILE_LIST)])
all: ;
#--- file: part.mk
from_part = P
$(warning inside part)
