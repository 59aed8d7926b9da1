ifeq (a,a) # a comment
$(info [comment ok])
endif # another
ifdef MAKE # comment
$(info [ifdef comment ok])
else # c
endif
all: ;
