# Kiln: the root file system of an image (include $(INCLUDE_DIR)/rootfs.mk, from image.mk):
# the package manager run on it, and where the unmodified tree is kept. Kiln assembles root
# file systems itself (a later stage); these are the names board Makefiles refer to.

# The package manager working on the tree at $(1) instead of the running system.
opkg = \
  IPKG_NO_SCRIPT=1 \
  IPKG_INSTROOT=$(1) \
  TMPDIR=$(1)/tmp \
  $(STAGING_DIR_HOST)/bin/opkg \
	--offline-root $(1) \
	--force-postinstall \
	--add-dest root:/ \
	--add-arch all:100 \
	--add-arch $(if $(ARCH_PACKAGES),$(ARCH_PACKAGES),$(BOARD)):200

apk = \
  IPKG_INSTROOT=$(1) \
  $(FAKEROOT) $(STAGING_DIR_HOST)/bin/apk \
	--root $(1) \
	--keys-dir $(if $(APK_KEYS),$(APK_KEYS),$(TOPDIR)) \
	--no-cache \
	--no-logfile \
	--preserve-env

TARGET_DIR_ORIG := $(TARGET_ROOTFS_DIR)/root.orig-$(BOARD)
