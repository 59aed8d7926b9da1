first: ; @echo never
second: ;
$(info [$(MAKECMDGOALS)] [$(.DEFAULT_GOAL)])
#--- args: second
