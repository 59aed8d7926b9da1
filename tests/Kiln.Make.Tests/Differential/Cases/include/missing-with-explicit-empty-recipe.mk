$(info [reading $(MAKE_RESTARTS)])
include gen.mk
gen.mk: ;
all: ;
