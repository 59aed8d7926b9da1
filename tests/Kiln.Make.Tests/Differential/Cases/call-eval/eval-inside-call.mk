define make_var
$(1)_NAME := $(1)
$(1)_LIST += $(2)
endef
$(eval $(call make_var,foo,x))
$(eval $(call make_var,foo,y))
$(info [$(foo_NAME)] [$(foo_LIST)] [$(flavor foo_LIST)])
set = $(eval $(1) := $(2))
$(call set,bar,B)
$(info [$(bar)])
all: ;
