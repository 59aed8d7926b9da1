# The small subtarget: routers with 8 MiB of flash or less.

define Device/acme_r1
  $(Device/acme-factory)
  DEVICE_MODEL := R1
  DEMO_HWID := 0x00010001
  IMAGE_SIZE := 7808k
endef
TARGET_DEVICES += acme_r1

# The same board, sold again: one more name for it, and a bigger flash.
define Device/acme_r1-v2
  $(Device/acme_r1)
  DEVICE_VARIANT := v2
  DEVICE_ALT0_VENDOR := Example
  DEVICE_ALT0_MODEL := R1 Plus
  DEMO_HWID := 0x00010002
  IMAGE_SIZE := 15872k
  SUPPORTED_DEVICES += acme,r1
endef
TARGET_DEVICES += acme_r1-v2

# A deferred value is read per device: each sees its own BLOCKSIZE in its pipeline.
define Device/acme_r2
  $(Device/acme-common)
  DEVICE_MODEL := R2
  BLOCKSIZE := 128k
  IMAGE_SIZE = $$(DEMO_FLASH)
  DEMO_FLASH := 16000k
  DEVICE_PACKAGES += -kmod-ath9k kmod-ath10k wpad-basic-mbedtls
  SUPPORTED_DEVICES := acme,r2 acme-r2
endef
TARGET_DEVICES += acme_r2

# Not built unless asked for.
define Device/acme_r0
  $(Device/acme-common)
  DEVICE_MODEL := R0
  IMAGE_SIZE := 3776k
  DEFAULT := n
endef
TARGET_DEVICES += acme_r0
