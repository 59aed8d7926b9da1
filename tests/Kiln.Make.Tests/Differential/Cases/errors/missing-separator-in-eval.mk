define body
a = 1
b = 2
bad line here
endef
$(info [before])

$(eval $(body))
all: ;
