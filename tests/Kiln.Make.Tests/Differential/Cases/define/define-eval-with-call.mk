define mkvar
$(1)_name := $(1)
$(1)_upper = $$(subst a,A,$$($(1)_name))
endef
$(foreach v,alpha beta,$(eval $(call mkvar,$(v))))
$(info [$(alpha_upper)] [$(beta_upper)] [$(beta_name)])
all: ;
