$(info [before])
ifeq "a"
$(info [inside])
endif
all: ;
