define x
	tabbed line
  spaced line
		two tabs
endef
$(info [$(x)])
all: ;
