.DEFAULT_GOAL = a b
a: ;
b: ;
