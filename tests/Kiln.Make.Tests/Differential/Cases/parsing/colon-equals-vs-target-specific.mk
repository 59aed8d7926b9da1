a:=b
a: =target-specific
a :=c
$(info [$(a)] [$(.DEFAULT_GOAL)])
all: ;
#--- args: all
