.DEFAULT_GOAL := second
$(info [$(.DEFAULT_GOAL)] [$(origin .DEFAULT_GOAL)] [$(flavor .DEFAULT_GOAL)])
first: ;
second: ;
$(info [$(.DEFAULT_GOAL)])
