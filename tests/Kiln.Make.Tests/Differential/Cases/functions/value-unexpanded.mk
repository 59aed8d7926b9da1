x = $(y) and $$dollar $(subst a,b,aaa)
y = Y
s := $(y) $$d
$(info [$(value x)])
$(info [$(x)])
$(info [$(value s)])
$(info [$(value nope)] [$(value PATH)])
define m
line1 $(1)
line2
endef
$(info [$(value m)])
all: ;
