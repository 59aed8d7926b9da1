define x +=
body
endef
$(info [$(x)] [$(flavor x)] [$(origin x)])
all: ;
