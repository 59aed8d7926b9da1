define body
ifeq ($(x),1)
$$(info [x is one])
else
$$(info [x is not one])
endif
endef
$(info [$(value body)])
x = 1
$(eval $(body))
x = 2
$(eval $(body))
all: ;
