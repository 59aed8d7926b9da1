define tmpl
$(1)_value := $$(value_of_$(1))
endef
value_of_a = A
$(eval $(call tmpl,a))
$(info [$(a_value)])
all: ;
