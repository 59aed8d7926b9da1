define x
endef
define y =
endef
$(info [$(x)] [$(y)] [$(flavor x)] [$(origin y)])
ifdef x
$(info x defined)
else
$(info x not defined)
endif
all: ;
