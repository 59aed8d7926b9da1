# Kiln: the commands image pipelines are made of (Build/NAME, called with the words after the
# name), included by image.mk. Board image Makefiles add their own with `define Build/NAME`.

IMAGE_KERNEL = $(word 1,$^)
IMAGE_ROOTFS = $(word 2,$^)

# The second '_'-separated word of $(1), at most 16 characters.
define ModelNameLimit16
$(shell printf %.16s "$(word 2, $(subst _, ,$(1)))")
endef

# The alignment of a root file system given its image name (root.squashfs, root.jffs2-64k...).
define rootfs_align
$(patsubst %-256k,0x40000,$(patsubst %-128k,0x20000,$(patsubst %-64k,0x10000,$(patsubst squashfs%,0x4,$(patsubst root.%,%,$(1))))))
endef
