.DEFAULT_GOAL = nope
all: ;
