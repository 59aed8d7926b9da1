BOARDNAME:=Small flash
FEATURES += small_flash
DEFAULT_PACKAGES += wpad-basic-mbedtls

define Target/Description
	Routers with 8 MiB of flash or less.
endef
