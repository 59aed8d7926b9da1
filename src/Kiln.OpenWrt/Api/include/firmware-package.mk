# Kiln: the shared shape of boot firmware packages (U-Boot, Trusted-Firmware-A,
# OP-TEE): one binary package per variant, selectable per board and device.

TARGET_DEP = TARGET_$(BUILD_TARGET)$(if $(BUILD_SUBTARGET),_$(BUILD_SUBTARGET))

# 1: template (U-Boot), 2: package prefix (u-boot), 3: title prefix, 4: URL, 5: variant
define kiln_firmware_package
  $(eval $(call $(1)/Init,$(5)))
  $(eval $(call $(1)/Default,$(5)))
  $(eval $(call $(1)/$(5),$(5)))

  define Package/$(2)-$(5)
    SECTION:=boot
    CATEGORY:=Boot Loaders
    TITLE:=$(3) for $(NAME)
    VARIANT:=$(VARIANT)
    DEPENDS:=@!IN_SDK $(DEPENDS)
    HIDDEN:=$(HIDDEN)
    ifneq ($(BUILD_TARGET),)
      DEPENDS += @$(TARGET_DEP)
      ifneq ($(BUILD_DEVICES),)
        DEFAULT := y if ($(TARGET_DEP)_Default $(patsubst %,|| $(TARGET_DEP)_DEVICE_%,$(BUILD_DEVICES)) $(patsubst %,|| $(patsubst TARGET_%,TARGET_DEVICE_%,$(TARGET_DEP))_DEVICE_%,$(BUILD_DEVICES)))
      endif
    endif
    $(if $(DEFAULT),DEFAULT:=$(DEFAULT))
    URL:=$(4)
  endef
endef

# 1: template, 2: package prefix, 3: variants scanned (all of them) when dumping
define kiln_firmware_build
  $(eval $(call BuildPackage/$(1)/Defaults))
  $(foreach type,$(if $(DUMP),$(3),$(BUILD_VARIANT)), \
    $(eval $(call Build/$(1)/Target,$(type)))
  )
  $(eval $(call Build/DefaultTargets))
  $(foreach type,$(if $(DUMP),$(3),$(BUILD_VARIANT)), \
    $(call BuildPackage,$(2)-$(type))
  )
endef
