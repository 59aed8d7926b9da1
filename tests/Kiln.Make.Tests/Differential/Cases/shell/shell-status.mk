a := $(shell echo one; echo two)
$(info [$(a)] [$(.SHELLSTATUS)])
b := $(shell false)
$(info [$(b)] [$(.SHELLSTATUS)])
c != echo x; echo y
$(info [$(c)] [$(flavor c)])
all: ;
