$(info [before])
ifeq (a,b
$(info [inside])
endif
all: ;
