.RECIPEPREFIX = >
t:
	echo with tab
all: ;
