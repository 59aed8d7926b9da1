v = x
ifeq "$(v) " "x "
$(info [trailing space inside quotes compared])
endif
ifeq ( $(v) , x )
$(info [paren strip])
endif
ifeq ($(v)	,	x)
$(info [tab strip])
endif
sp := $(empty) $(empty)
ifeq ($(sp)x,x)
$(info [expanded leading space stripped?])
else
$(info [expanded leading space kept])
endif
ifeq (x,x$(sp))
$(info [expanded trailing space stripped?])
else
$(info [expanded trailing space kept])
endif
all: ;
