# The big subtarget: boxes that boot from a disk.

define Device/acme_b1
  $(Device/acme-common)
  DEVICE_MODEL := B1
  DEVICE_PACKAGES += kmod-usb3
  FILESYSTEMS := squashfs ext4
  IMAGES := sysupgrade.bin disk.img.gz
  IMAGE/disk.img.gz := append-rootfs | pad-to 1m | gzip
  ARTIFACTS := recovery.bin
  ARTIFACT/recovery.bin := append-image-stage initramfs-kernel.bin | demo-header 0xB1
endef
TARGET_DEVICES += acme_b1
