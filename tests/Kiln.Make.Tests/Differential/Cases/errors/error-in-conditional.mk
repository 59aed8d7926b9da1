ifeq ($(error inside condition),)
endif
all: ;
