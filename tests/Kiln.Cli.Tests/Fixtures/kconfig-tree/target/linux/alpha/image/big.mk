define Device/acme_b1
  DEVICE_VENDOR := ACME
  DEVICE_MODEL := B1
  IMAGE_SIZE := 15872k
  DEVICE_PACKAGES := fancy
endef
TARGET_DEVICES += acme_b1

define Device/acme_b2
  DEVICE_VENDOR := ACME
  DEVICE_MODEL := B2
  DEVICE_VARIANT := v2
  IMAGE_SIZE := 15872k
  DEVICE_PACKAGES := fancy -toolbox libtiny
endef
TARGET_DEVICES += acme_b2

# Not built unless asked for.
define Device/acme_b0
  DEVICE_VENDOR := ACME
  DEVICE_MODEL := B0
  IMAGE_SIZE := 15872k
  DEFAULT := n
endef
TARGET_DEVICES += acme_b0
