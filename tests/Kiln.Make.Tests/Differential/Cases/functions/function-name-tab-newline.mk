$(info	[tab after name])
define f
$(info
[newline after name])
endef
$(f)
$(info [$(subst	a,b,aaa)])
all: ;
