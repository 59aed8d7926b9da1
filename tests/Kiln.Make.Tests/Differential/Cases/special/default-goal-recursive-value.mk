targets = one two
.DEFAULT_GOAL = $(word 2,$(targets))
one: ;
two: ;
$(info [$(.DEFAULT_GOAL)] [$(value .DEFAULT_GOAL)] [$(flavor .DEFAULT_GOAL)])
