define body
a = 1
b = 2
$$(error third line of eval)
endef
$(info [before])

$(eval $(body))
all: ;
