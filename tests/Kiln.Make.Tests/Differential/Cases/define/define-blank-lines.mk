define x

middle

endef
define y


endef
$(info [$(x)])
$(info [$(y)])
all: ;
