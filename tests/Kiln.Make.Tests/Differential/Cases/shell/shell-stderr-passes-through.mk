a := $(shell echo to-stderr >&2; echo to-stdout)
$(info [$(a)])
b := $(shell ls kiln-missing-file-xyz)
$(info [$(b)] [$(.SHELLSTATUS)])
all: ;
