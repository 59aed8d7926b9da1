x = a
y := b
define z
c
endef
$(info [$(x)] [$(y)] [$(z)])
all: ;
