.PHONY: p
all: ;
#--- args: p
