includeX = 1
include_me.mk: ;
include: ;
$(info [$(includeX)])
all: ;
