$(info [before])
include first-missing.mk second-missing.mk
$(info [after])
include third-missing.mk
$(info [end])
all: ;
