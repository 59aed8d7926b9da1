define newline


endef
x = 1
$(eval ifeq ($$(x),1)$(newline)$$(info [eval then])$(newline)endif)
$(eval ifeq ($$(x),2)$(newline)$$(info [eval then])$(newline)else$(newline)$$(info [eval else])$(newline)endif)
$(eval ifdef x$(newline)y := defined-in-eval$(newline)endif)
$(info [$(y)])
all: ;
