$(info [reading])
include gen.mk
%.mk: ;
all: ;
