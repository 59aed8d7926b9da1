a := $(shell echo before; kill -TERM $$$$)
$(info [$(a)] [$(.SHELLSTATUS)])
all: ;
