ifeq (a,a)
$(info [then])
endif junk
$(info [after])
all: ;
