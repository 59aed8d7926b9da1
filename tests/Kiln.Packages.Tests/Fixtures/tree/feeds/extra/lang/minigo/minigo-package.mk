# A miniature golang-package.mk: included from a package Makefile after package.mk, it adds the
# compiler as a build dependency and gives MiniGoBinPackage an install step.
include $(dir $(lastword $(MAKEFILE_LIST)))minigo-values.mk

PKG_BUILD_DEPENDS += minigo/host
PKG_BUILD_PARALLEL:=1
PKG_BUILD_FLAGS+=no-mips16

GO_PKG_SOURCE_ONLY?=
MINIGO_PKG_TARGET_VARS:=GOOS=linux GOARCH=$(ARCH)

define MiniGoBinPackage
  ifndef Package/$(1)/install
    define Package/$(1)/install
	$$(INSTALL_DIR) $$(1)/usr/bin
	$$(INSTALL_BIN) $$(PKG_INSTALL_DIR)/usr/bin/* $$(1)/usr/bin/
    endef
  endif
endef
