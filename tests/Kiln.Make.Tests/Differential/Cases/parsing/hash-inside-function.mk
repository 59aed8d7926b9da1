a = $(subst x,#,axb)
$(info [$(a)])
hash := \#
$(info [$(hash)])
c = $(hash) # real comment
$(info [$(c)])
all: ;
