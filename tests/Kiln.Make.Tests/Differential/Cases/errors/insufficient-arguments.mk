$(info [before])
y := $(subst )
$(info [$(y)])
z := $(subst a)
all: ;
