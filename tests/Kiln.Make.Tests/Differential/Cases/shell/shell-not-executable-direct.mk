$(file >script.sh,echo hi)
a := $(shell ./script.sh)
$(info [$(a)] [$(.SHELLSTATUS)])
b := $(shell ./missing-dir/prog)
$(info [$(b)] [$(.SHELLSTATUS)])
all: ;
