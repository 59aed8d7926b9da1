# Kiln: DEBUG=... flags for tracing the build (d: dependencies, l: eval, t: targets, v: variables, r: rebuilds).

ifeq ($(DUMP),)
  build_debug:=$(if $(filter all,$(DEBUG)),dltvr,$(DEBUG))
endif

ifneq ($(DEBUG),)
define debug
$$(findstring $(2),$$(if $$(DEBUG_SCOPE_DIR),$$(if $$(filter $$(DEBUG_SCOPE_DIR)%,$(1)),$(build_debug)),$(build_debug)))
endef

define warn
$$(if $(call debug,$(1),$(2)),$$(warning $(3)))
endef

define debug_eval
$$(if $(call debug,$(1),$(2)),$(3))
endef

define warn_eval
$(call warn,$(1),$(2),$(3)	$(4))
$(4)
endef
else
debug:=
warn:=
debug_eval:=
warn_eval = $(4)
endif
