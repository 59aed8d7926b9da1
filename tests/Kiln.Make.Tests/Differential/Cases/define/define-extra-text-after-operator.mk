define x = junk
body
endef
$(info [$(x)])
all: ;
