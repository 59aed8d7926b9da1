$(info [reading])
-include gen.mk
gen.mk: missing-dep
all: ;
