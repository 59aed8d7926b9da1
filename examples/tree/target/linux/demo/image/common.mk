# Templates shared by the subtargets' devices.

define Device/acme-common
  SOC := ar9344
  DEVICE_VENDOR := ACME
  DEVICE_PACKAGES := kmod-ath9k
endef

# Devices sold with a factory image that carries the board's header.
define Device/acme-factory
  $(Device/acme-common)
  IMAGES += factory.bin
  IMAGE/factory.bin := append-kernel | pad-to $$$$(BLOCKSIZE) | append-rootfs | pad-rootfs | check-size | demo-header $$$$(DEMO_HWID)
endef
