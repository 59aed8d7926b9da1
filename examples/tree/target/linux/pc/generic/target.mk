# Every OpenWrt board has at least one subtarget; a PC needs no more than this one.
BOARDNAME:=Generic x86_64

define Target/Description
	Build firmware for 64-bit PCs and virtual machines.
endef
