export define x
exported body
endef
$(info [$(x)] [$(origin x)] [$(flavor x)])
all: ;
