x = 1
$(eval ifeq ($$(x),1)$(newline)$$(info [eval then])$(newline)endif)
define newline


endef
$(eval ifeq ($$(x),1)$(newline)$$(info [eval then])$(newline)else$(newline)$$(info [eval else])$(newline)endif)
all: ;
