v = start
v != echo next; exit 4
$(info [$(v)] [$(.SHELLSTATUS)])
w += x
w != echo replaced
$(info [$(w)])
all: ;
