ifeq (a,b)
$(info [then])
else junk words
$(info [else])
endif
all: ;
