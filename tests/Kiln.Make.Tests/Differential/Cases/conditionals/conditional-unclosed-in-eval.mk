define open
ifeq (a,a)
$$(info [inside eval])
endef
$(info [before])
$(eval $(open))
$(info [after])
all: ;
