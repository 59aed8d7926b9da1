include outer.mk
$(info [main after])
all: ;
#--- file: outer.mk
$(info [outer])
include inner-missing.mk
$(info [outer after])
