$(info start)
endef
all: ;
