define x
ifeq (a,a)
yes
endif
endef
$(info [$(x)])
all: ;
