define x
body
   endef
$(info [$(x)])
all: ;
