$(info [before])
ifeq (a,b)
else foo (a,a)
$(info [x])
endif
all: ;
