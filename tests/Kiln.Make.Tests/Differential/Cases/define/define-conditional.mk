x = already
define x ?=
new
endef
define y ?=
fresh $(z)
endef
z = Z
$(info [$(x)] [$(y)] [$(flavor y)])
all: ;
