# Recursion 5000 levels deep: GNU make has no nesting limit.
down = $(if $(1),$(call down,$(wordlist 2,$(words $(1)),$(1))),done)
ten := 1 2 3 4 5 6 7 8 9 10
thousand := $(foreach i,$(ten),$(foreach j,$(ten),$(ten)))
five := $(foreach i,1 2 3 4 5,$(thousand))
$(info [$(call down,$(five))] [$(words $(five))])
all: ;
