define body
x = 1
	recipe line
endef
$(eval $(body))
all: ;
