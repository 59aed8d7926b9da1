ifeq (a, a)
$(info [leading space of arg2 stripped])
endif
ifeq (a ,a)
$(info [trailing space of arg1 stripped])
endif
ifeq ( a,a)
$(info [leading space of arg1 stripped])
else
$(info [leading space of arg1 kept])
endif
ifeq (a,a )
$(info [trailing space of arg2 stripped])
else
$(info [trailing space of arg2 kept])
endif
all: ;
