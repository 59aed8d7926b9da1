$(info before)
include does-not-exist.mk
$(info after)
all: ;
