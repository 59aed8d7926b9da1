$(info [reading])
-include gen.mk
gen.mk:
all: ;
