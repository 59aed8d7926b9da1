x := $(shell head -c 100000 /dev/zero | tr '\0' e >&2; echo >&2; head -c 100000 /dev/zero | tr '\0' o; echo)
$(info [$(words $(x))] [$(.SHELLSTATUS)] [$(subst o,,$(x))])
all: ;
