tab := $(subst x,	,x)
$(info before)
$(eval $(tab)echo recipe)
all: ;
