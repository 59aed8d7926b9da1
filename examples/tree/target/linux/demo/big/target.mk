BOARDNAME:=Big boxes
FEATURES += ext4 usb
DEFAULT_PACKAGES += e2fsprogs

define Target/Description
	Boxes that boot from a disk.
endef

# Boxes with a wired uplink only: no PPP by default.
DEFAULT_PACKAGES := $(filter-out ppp ppp-mod-pppoe,$(DEFAULT_PACKAGES))
