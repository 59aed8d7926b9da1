empty =
$(info [$(call nope,a)] [$(call empty,a)] [$(call ,a)])
$(info [$(origin nope)])
all: ;
