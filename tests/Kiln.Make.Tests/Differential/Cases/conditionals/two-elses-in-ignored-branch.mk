ifeq (a,b)
  ifeq (x,y)
  else
  else
  endif
endif
$(info [ok])
all: ;
