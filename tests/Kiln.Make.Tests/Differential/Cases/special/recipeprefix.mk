$(info [$(.RECIPEPREFIX)] [$(origin .RECIPEPREFIX)] [$(flavor .RECIPEPREFIX)])
.RECIPEPREFIX = >
$(info [$(.RECIPEPREFIX)] [$(origin .RECIPEPREFIX)])
all: ;
