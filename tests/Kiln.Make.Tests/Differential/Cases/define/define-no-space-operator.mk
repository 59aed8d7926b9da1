define x=
body-x
endef
define y:=
body-y
endef
$(info [$(x)] [$(y)] [$(flavor y)])
all: ;
