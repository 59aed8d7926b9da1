# A miniature rust-package.mk: the host compiler as a build dependency, and a host build too.
include $(dir $(lastword $(MAKEFILE_LIST)))rust-values.mk

PKG_BUILD_DEPENDS += minirust/host
PKG_BUILD_PARALLEL ?= 1

define RustBinPackage
  ifndef Package/$(1)/install
    define Package/$(1)/install
	$$(INSTALL_DIR) $$(1)/usr/bin
	$$(INSTALL_BIN) $$(PKG_INSTALL_DIR)/bin/* $$(1)/usr/bin/
    endef
  endif
endef
