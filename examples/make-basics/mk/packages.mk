PACKAGES :=

# $(1): name, $(2): title, $(3): dependencies
define Package
  PACKAGES += $(1)
  TITLE_$(1) := $(2)
  DEPENDS_$(1) := $(strip $(3))
  VERSION_$(1) = $$(version)
endef
