a := $(shell kiln-no-such-command-xyz arg)
$(info [$(a)] [$(.SHELLSTATUS)])
all: ;
