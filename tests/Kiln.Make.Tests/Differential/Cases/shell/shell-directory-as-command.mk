$(shell mkdir -p subdir)
a := $(shell ./subdir)
$(info [$(a)] [$(.SHELLSTATUS)])
all: ;
