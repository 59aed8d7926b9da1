BOARDNAME:=Devices with small flash
FEATURES += small_flash

define Target/Description
	Alpha routers with 4 MiB of flash.
endef
