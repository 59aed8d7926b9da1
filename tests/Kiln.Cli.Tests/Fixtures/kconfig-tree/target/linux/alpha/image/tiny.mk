define Device/acme_t1
  DEVICE_VENDOR := ACME
  DEVICE_MODEL := T1
  IMAGE_SIZE := 3776k
  DEVICE_PACKAGES := -netcfg
endef
TARGET_DEVICES += acme_t1

define Device/acme_t2
  DEVICE_VENDOR := ACME
  DEVICE_MODEL := T2
  IMAGE_SIZE := 3776k
  DEVICE_PACKAGES := kmod-button-hotplug helper
endef
TARGET_DEVICES += acme_t2
