ifeq (a,b,c)
$(info [true])
else
$(info [false])
endif
ifeq (a,a,a)
$(info [aaa true])
else
$(info [aaa false])
endif
all: ;
