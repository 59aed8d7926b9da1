BOARDNAME:=Big boxes
FEATURES += ext4 usb
DEFAULT_PACKAGES += e2fsprogs

define Target/Description
	Boxes that boot from a disk.
endef

# The boxes have a hardware random number generator: no entropy daemon by default.
DEFAULT_PACKAGES := $(filter-out urngd,$(DEFAULT_PACKAGES))
