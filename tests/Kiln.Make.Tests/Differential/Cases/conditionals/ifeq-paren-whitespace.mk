a = x
ifeq (  $(a)  ,x)
$(info [leading/trailing spaces of arg1 stripped])
endif
ifeq ($(a)  ,  x)
$(info [spaces around comma stripped])
endif
ifeq (x, x )
$(info [trailing space of arg2 stripped])
else
$(info [trailing space of arg2 kept])
endif
ifeq ( , )
$(info [both empty equal])
endif
ifeq (,)
$(info [empty parens equal])
endif
ifeq	($(a),x)
$(info [tab after keyword])
endif
all: ;
