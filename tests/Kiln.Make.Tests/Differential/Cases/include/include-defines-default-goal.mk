include rules.mk
$(info [$(.DEFAULT_GOAL)])
all: ;
#--- file: rules.mk
from-include: ;
