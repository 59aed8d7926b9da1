ifeq (a,a)
$(info [then])
else# no space
endif#comment
$(info [after])
all: ;
