define x !=
echo one
echo two
endef
$(info [$(x)] [$(flavor x)])
all: ;
