.DEFAULT_GOAL := second
first: ;
second: ;
$(info [$(.DEFAULT_GOAL)])
.DEFAULT_GOAL :=
$(info [$(.DEFAULT_GOAL)])
third: ;
$(info [$(.DEFAULT_GOAL)])
