BOARDNAME:=Devices with more flash
FEATURES += usb

DEFAULT_PACKAGES += toolbox

define Target/Description
	Alpha routers with 16 MiB of flash or more.
endef
