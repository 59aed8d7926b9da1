.SHELLFLAGS = -ec
$(info [$(shell false; echo after)] [$(.SHELLSTATUS)])
.SHELLFLAGS = -c
$(info [$(shell false; echo after)] [$(.SHELLSTATUS)])
all: ;
