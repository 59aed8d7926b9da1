names = p q
$(foreach n,$(names),$(eval $(n)-target: ; @:))
$(info [$(.DEFAULT_GOAL)])
all: ;
