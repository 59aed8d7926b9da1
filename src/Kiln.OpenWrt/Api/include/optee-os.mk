# Kiln: OP-TEE OS packages, one per platform variant in OPTEE_TARGETS.

include $(INCLUDE_DIR)/prereq.mk
include $(INCLUDE_DIR)/firmware-package.mk

PKG_NAME ?= optee-os

ifndef PKG_SOURCE_PROTO
PKG_SOURCE:=$(PKG_NAME)-$(PKG_VERSION).tar.gz
PKG_SOURCE_URL_FILE:=$(PKG_VERSION).tar.gz
PKG_SOURCE_URL = https://github.com/OP-TEE/optee_os/archive/refs/tags/
TAR_OPTIONS+= --transform 's/optee_os/$(PKG_NAME)/'
endif

PKG_BUILD_DIR = $(BUILD_DIR)/$(PKG_NAME)-$(BUILD_VARIANT)/$(PKG_NAME)-$(PKG_VERSION)
PKG_TARGETS := bin
PKG_FLAGS:=nonshared
PKG_LICENSE:=BSD 2-Clause
PKG_LICENSE_FILES:=LICENSE
PKG_BUILD_PARALLEL ?= 1

$(eval $(call TestHostCommand,python3-cryptography, \
  Please install the Python3 cryptography module, \
  $(STAGING_DIR_HOST)/bin/python3 -c 'import cryptography'))

$(eval $(call TestHostCommand,python3-pyelftools, \
    Please install the Python3 pyelftools module, \
    $(STAGING_DIR_HOST)/bin/python3 -c 'import elftools'))

export GCC_HONOUR_COPTS=s

Package/optee-os/install/default = $(CP) $(patsubst %,$(PKG_BUILD_DIR)/out/arm-plat-$(PLAT)/core/%,$(OPTEE_IMAGE)) $(1)/
Package/optee-os/install = $(Package/optee-os/install/default)

define Optee-os/Init
  BUILD_TARGET:=
  BUILD_SUBTARGET:=
  BUILD_DEVICES:=
  NAME:=
  DEPENDS:=
  HIDDEN:=
  DEFAULT:=
  VARIANT:=$(1)
  PLAT:=$(1)
  PLAT_FLAVOR:=
  OPTEE_IMAGE:=tee-header_v2.bin tee-pager_v2.bin tee-pageable_v2.bin
endef

define Build/Optee-os/Target
  $(call kiln_firmware_package,Optee-os,optee-os,OPTEE-OS,https://optee.readthedocs.io,$(1))

  define Package/optee-os-$(1)/install
	$$(Package/optee-os/install)
  endef
endef

define Build/Configure/Optee-os
endef

define Build/Compile/Optee-os
	+$(MAKE) $(PKG_JOBS) -C $(PKG_BUILD_DIR) \
		PATH=$(LINUX_DIR)/scripts/dtc/:$(STAGING_DIR_HOST)/bin:$(PATH) \
		CROSS_COMPILE=$(TARGET_CROSS) \
		CROSS_COMPILE_core="$(TARGET_CROSS)" \
		CROSS_COMPILE_ta_arm64="$(TARGET_CROSS)" \
		CROSS_COMPILE_ta_arm32="$(TARGET_CROSS)" \
		$(if $(CONFIG_ARCH_64BIT), CFG_ARM64_core=y CFG_USER_TA_TARGETS=ta_arm64, CFG_ARM32_core=y) \
		PLATFORM="$(PLAT)" \
		PLATFORM_FLAVOR="$(strip $(subst ",,$(PLAT_FLAVOR)))" \
		$(OPTEE_MAKE_FLAGS)
endef

define BuildPackage/Optee-os/Defaults
  Build/Configure/Default = $$$$(Build/Configure/Optee-os)
  Build/Compile/Default = $$$$(Build/Compile/Optee-os)
endef

BuildPackage/Optee-os = $(call kiln_firmware_build,Optee-os,optee-os,$(OPTEE_TARGETS))
