define x
body
endef # done
$(info [$(x)])
all: ;
