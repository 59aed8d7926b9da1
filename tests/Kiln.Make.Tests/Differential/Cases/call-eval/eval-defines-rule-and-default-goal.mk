$(info [$(.DEFAULT_GOAL)])
$(eval first: ; )
$(info [$(.DEFAULT_GOAL)])
$(eval second: first ; )
$(info [$(.DEFAULT_GOAL)])
all: ;
