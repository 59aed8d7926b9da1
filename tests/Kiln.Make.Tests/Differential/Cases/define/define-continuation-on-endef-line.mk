define x
body \
endef
endef
$(info [$(x)])
all: ;
