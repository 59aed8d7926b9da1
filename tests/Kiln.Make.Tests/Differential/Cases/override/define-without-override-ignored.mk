override x = kept
define x
replaced
endef
define x +=
appended
endef
$(info [$(x)])
all: ;
