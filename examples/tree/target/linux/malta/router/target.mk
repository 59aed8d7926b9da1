ARCH:=mipsel
CPU_TYPE:=24kc
SUBTARGET:=router
BOARDNAME:=Router-style images

define Target/Description
	Build little-endian Malta firmware the way routers take it: a device whose kernel is a
	U-Boot uImage and whose sysupgrade image is a tar with OpenWrt's metadata appended.
endef
