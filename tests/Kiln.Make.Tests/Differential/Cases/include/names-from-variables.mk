parts = one two
dir = .
include $(patsubst %,$(dir)/%.mk,$(parts))
$(info [$(MAKEFILE_LIST)])
$(info [$(ONE) $(TWO)])
all: ;
#--- file: one.mk
ONE = 1
#--- file: two.mk
TWO = 2
