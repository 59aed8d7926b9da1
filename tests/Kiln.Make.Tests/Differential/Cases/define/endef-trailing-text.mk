define x
body
endef junk
$(info [$(x)])
all: ;
