.RECIPEPREFIX = >
> $(info hidden)
all: ;
