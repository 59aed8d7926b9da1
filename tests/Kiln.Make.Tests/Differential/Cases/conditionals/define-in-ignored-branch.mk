ifeq (a,b)
define body
endif
else
endef
$(info [still ignored])
endif
$(info [after])
all: ;
