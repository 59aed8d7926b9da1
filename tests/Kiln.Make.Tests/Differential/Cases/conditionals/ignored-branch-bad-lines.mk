ifeq (a,b)
this is not valid makefile syntax at all
$(error never expanded)
  ifeq invalid
  endif
else
$(info [else taken])
endif
all: ;
