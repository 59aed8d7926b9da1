.RECIPEPREFIX = >
all: ;
	x = after-rule
$(info [$(x)])
