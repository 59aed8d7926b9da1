ARCH:=mipsel
CPU_TYPE:=24kc
SUBTARGET:=le
BOARDNAME:=Little Endian

define Target/Description
	Build little-endian firmware for the Malta board (qemu-system-mipsel).
endef
