t:
ifeq (a,b)
	endif
	else
endif
$(info [ok])
all: ;
#--- args: all
