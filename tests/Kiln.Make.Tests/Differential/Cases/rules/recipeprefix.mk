.RECIPEPREFIX = >
t:
> $(info [not expanded])
> echo hi
$(info [read])
.RECIPEPREFIX :=
$(info [prefix now empty: $(.RECIPEPREFIX)])
u:
	@:
all: ;
.DEFAULT_GOAL := all
