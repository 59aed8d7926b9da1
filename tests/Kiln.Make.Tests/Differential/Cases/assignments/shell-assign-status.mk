x != echo out; exit 3
$(info [$(x)] [$(.SHELLSTATUS)])
y != true
$(info [$(y)] [$(.SHELLSTATUS)])
all: ;
