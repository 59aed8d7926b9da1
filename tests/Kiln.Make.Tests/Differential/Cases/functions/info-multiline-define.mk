define text
first
  second	tab

endef
$(info [$(text)])
$(info [$(info inner)])
all: ;
