ifeq (a,a)
$(info [first])
else ifeq ($(info [side effect else-ifeq]),)
$(info [second])
endif
ifeq (a,b)
ifeq ($(info [side effect nested ignored]),)
endif
endif
all: ;
