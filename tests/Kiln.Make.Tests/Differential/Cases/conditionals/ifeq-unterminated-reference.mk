$(info [before])
ifeq ($(foo,)
endif
all: ;
