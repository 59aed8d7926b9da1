define text

$(warning while expanding argument)
endef
$(info start)
$(eval $(text))
all: ;
