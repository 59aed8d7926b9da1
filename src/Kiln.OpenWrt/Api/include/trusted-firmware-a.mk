# Kiln: Trusted-Firmware-A packages, one per platform variant in TFA_TARGETS.

include $(INCLUDE_DIR)/firmware-package.mk

PKG_NAME ?= trusted-firmware-a
PKG_CPE_ID ?= cpe:/a:arm:trusted_firmware-a
PKG_LTS ?=

PKG_VERSION_PREFIX:=$(if $(PKG_LTS),lts-v,v)
ifneq ($(PKG_LTS),)
PKG_BUILD_DIR = $(BUILD_DIR)/$(PKG_NAME)-$(BUILD_VARIANT)/$(PKG_NAME)-$(PKG_VERSION_PREFIX)$(PKG_VERSION)
else
PKG_BUILD_DIR = $(BUILD_DIR)/$(PKG_NAME)-$(BUILD_VARIANT)/$(PKG_NAME)-$(PKG_VERSION)
endif

ifndef PKG_SOURCE_PROTO
PKG_SOURCE = trusted-firmware-a-$(PKG_VERSION_PREFIX)$(PKG_VERSION).tar.gz
PKG_SOURCE_URL:=https://codeload.github.com/TrustedFirmware-A/trusted-firmware-a/tar.gz/$(PKG_VERSION_PREFIX)$(PKG_VERSION)?
endif

PKG_TARGETS := bin
PKG_FLAGS:=nonshared
PKG_LICENSE:=BSD-3-Clause
PKG_LICENSE_FILES:=docs/license.rst
PKG_BUILD_PARALLEL:=1

export GCC_HONOUR_COPTS=s

Package/trusted-firmware-a/install/default = $(CP) $(patsubst %,$(PKG_BUILD_DIR)/build/$(PLAT)/release/%,$(TFA_IMAGE)) $(1)/
Package/trusted-firmware-a/install = $(Package/trusted-firmware-a/install/default)

define Trusted-Firmware-A/Init
  BUILD_TARGET:=
  BUILD_SUBTARGET:=
  BUILD_DEVICES:=
  NAME:=
  DEPENDS:=
  HIDDEN:=
  DEFAULT:=
  PLAT:=
  VARIANT:=$(1)
  TFA_IMAGE:=
endef

define Build/Trusted-Firmware-A/Target
  $(call kiln_firmware_package,Trusted-Firmware-A,trusted-firmware-a,Trusted-Firmware-A,https://www.trustedfirmware.org/projects/tf-a/,$(1))

  ifndef Package/trusted-firmware-a-$(1)/install
    define Package/trusted-firmware-a-$(1)/install
	$$(Package/trusted-firmware-a/install)
    endef
  endif
endef

define Build/Configure/Trusted-Firmware-A
	$(INSTALL_DIR) $(STAGING_DIR)/usr/include
endef

DTC=$(wildcard $(LINUX_DIR)/scripts/dtc/dtc)

define Build/Compile/Trusted-Firmware-A
	+$(MAKE) $(PKG_JOBS) -C $(PKG_BUILD_DIR) \
		CROSS_COMPILE=$(TARGET_CROSS) \
		OPENSSL_DIR=$(STAGING_DIR_HOST) \
		$(if $(DTC),DTC="$(DTC)") \
		PLAT=$(PLAT) \
		BUILD_STRING="OpenWrt $(PKG_VERSION_PREFIX)$(PKG_VERSION)-$(PKG_RELEASE) ($(VARIANT))" \
		$(if $(CONFIG_BINUTILS_VERSION_2_37)$(CONFIG_BINUTILS_VERSION_2_38),,LDFLAGS="-no-warn-rwx-segments") \
		$(TFA_MAKE_FLAGS)
endef

define BuildPackage/Trusted-Firmware-A/Defaults
  Build/Configure/Default = $$$$(Build/Configure/Trusted-Firmware-A)
  Build/Compile/Default = $$$$(Build/Compile/Trusted-Firmware-A)
endef

BuildPackage/Trusted-Firmware-A = $(call kiln_firmware_build,Trusted-Firmware-A,trusted-firmware-a,$(TFA_TARGETS))
