v = value
$(info [$(v)])
ifeq ($(v),value)
$(info [equal])
endif
define d
line
endef
$(info [$(d)])
all: ;
