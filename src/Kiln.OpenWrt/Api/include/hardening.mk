# Kiln: compiler hardening chosen by the configuration, per package opt-outs (PKG_SSP:=0 ...).

PKG_CHECK_FORMAT_SECURITY ?= 1
PKG_ASLR_PIE ?= 1
PKG_ASLR_PIE_REGULAR ?= 0
PKG_SSP ?= 1
PKG_FORTIFY_SOURCE ?= 1
PKG_RELRO ?= 1

kiln_harden = $(if $(and $(CONFIG_$(1)),$(filter 1,$(strip $(2)))),$(3))

TARGET_CFLAGS += $(call kiln_harden,PKG_CHECK_FORMAT_SECURITY,$(PKG_CHECK_FORMAT_SECURITY),-Wformat -Werror=format-security)
TARGET_CFLAGS += $(call kiln_harden,PKG_ASLR_PIE_ALL,$(PKG_ASLR_PIE),$(FPIC))
TARGET_LDFLAGS += $(call kiln_harden,PKG_ASLR_PIE_ALL,$(PKG_ASLR_PIE),$(FPIC) -specs=$(INCLUDE_DIR)/hardened-ld-pie.specs)
TARGET_CFLAGS += $(call kiln_harden,PKG_ASLR_PIE_REGULAR,$(PKG_ASLR_PIE_REGULAR),$(FPIC))
TARGET_LDFLAGS += $(call kiln_harden,PKG_ASLR_PIE_REGULAR,$(PKG_ASLR_PIE_REGULAR),$(FPIC) -specs=$(INCLUDE_DIR)/hardened-ld-pie.specs)
TARGET_CFLAGS += $(call kiln_harden,PKG_CC_STACKPROTECTOR_REGULAR,$(PKG_SSP),-fstack-protector)
TARGET_CFLAGS += $(call kiln_harden,PKG_CC_STACKPROTECTOR_STRONG,$(PKG_SSP),-fstack-protector-strong)
TARGET_CFLAGS += $(call kiln_harden,PKG_CC_STACKPROTECTOR_ALL,$(PKG_SSP),-fstack-protector-all)
TARGET_CFLAGS += $(call kiln_harden,PKG_FORTIFY_SOURCE_1,$(PKG_FORTIFY_SOURCE),-D_FORTIFY_SOURCE=1)
TARGET_CFLAGS += $(call kiln_harden,PKG_FORTIFY_SOURCE_2,$(PKG_FORTIFY_SOURCE),-D_FORTIFY_SOURCE=2)
TARGET_CFLAGS += $(call kiln_harden,PKG_RELRO_PARTIAL,$(PKG_RELRO),-Wl$(comma)-z$(comma)relro)
TARGET_LDFLAGS += $(call kiln_harden,PKG_RELRO_PARTIAL,$(PKG_RELRO),-zrelro)
TARGET_CFLAGS += $(call kiln_harden,PKG_RELRO_FULL,$(PKG_RELRO),-Wl$(comma)-z$(comma)now -Wl$(comma)-z$(comma)relro)
TARGET_LDFLAGS += $(call kiln_harden,PKG_RELRO_FULL,$(PKG_RELRO),-znow -zrelro)
