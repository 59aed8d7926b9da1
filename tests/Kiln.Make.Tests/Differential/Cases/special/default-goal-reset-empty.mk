first: ;
$(info [$(.DEFAULT_GOAL)])
.DEFAULT_GOAL :=
$(info [$(.DEFAULT_GOAL)])
second: ;
$(info [$(.DEFAULT_GOAL)])
