a := $(shell kiln-no-such-command-xyz arg; echo after)
$(info [$(a)] [$(.SHELLSTATUS)])
b := $(shell kiln-no-such-command-xyz > /dev/null)
$(info [$(b)] [$(.SHELLSTATUS)])
all: ;
