$(info [$(origin .SHELLSTATUS)])
a := $(shell exit 3)
$(info [$(.SHELLSTATUS)] [$(origin .SHELLSTATUS)] [$(flavor .SHELLSTATUS)])
b := $(shell echo out; exit 255)
$(info [$(b)] [$(.SHELLSTATUS)])
c := $(shell true)
$(info [$(.SHELLSTATUS)])
all: ;
