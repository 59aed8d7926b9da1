define body
a = 1
ifeq (x,x)
endef
$(eval $(body))
all: ;
