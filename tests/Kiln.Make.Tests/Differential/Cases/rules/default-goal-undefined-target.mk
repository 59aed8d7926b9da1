.DEFAULT_GOAL = nothing-here
a: ;
