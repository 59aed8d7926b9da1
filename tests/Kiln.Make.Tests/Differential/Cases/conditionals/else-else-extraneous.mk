ifeq (a,b)
else else
endif
$(info [ok])
all: ;
