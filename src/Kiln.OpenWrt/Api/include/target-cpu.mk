# Kiln: CPU types and their compiler flags per architecture, and the kernel
# features a target's kernel configuration implies (read while scanning targets).

CPU_CFLAGS = -Os -pipe
ifneq ($(findstring mips,$(ARCH)),)
  CPU_TYPE ?= $(if $(findstring mips64,$(ARCH)),mips64,mips32)
  CPU_CFLAGS += -mno-branch-likely
  CPU_CFLAGS_mips32 = -mips32 -mtune=mips32
  CPU_CFLAGS_mips64 = -mips64 -mtune=mips64 -mabi=64
  CPU_CFLAGS_mips64r2 = -mips64r2 -mtune=mips64r2 -mabi=64
  CPU_CFLAGS_4kec = -mips32r2 -mtune=4kec
  CPU_CFLAGS_24kc = -mips32r2 -mtune=24kc
  CPU_CFLAGS_74kc = -mips32r2 -mtune=74kc
  CPU_CFLAGS_octeonplus = -march=octeon+ -mabi=64
endif
ifeq ($(ARCH),i386)
  CPU_TYPE ?= pentium-mmx
  CPU_CFLAGS_pentium-mmx = -march=pentium-mmx
  CPU_CFLAGS_pentium4 = -march=pentium4
endif
ifneq ($(findstring arm,$(ARCH)),)
  CPU_TYPE ?= xscale
endif
ifeq ($(ARCH),powerpc)
  CPU_CFLAGS_603e:=-mcpu=603e
  CPU_CFLAGS_8540:=-mcpu=8540
  CPU_CFLAGS_8548:=-mcpu=8548
  CPU_CFLAGS_405:=-mcpu=405
  CPU_CFLAGS_440:=-mcpu=440
  CPU_CFLAGS_464fp:=-mcpu=464fp
endif
ifeq ($(ARCH),powerpc64)
  CPU_TYPE ?= powerpc64
  CPU_CFLAGS_e5500:=-mcpu=e5500
  CPU_CFLAGS_powerpc64:=-mcpu=powerpc64
endif
ifeq ($(ARCH),sparc)
  CPU_TYPE = sparc
  CPU_CFLAGS_ultrasparc = -mcpu=ultrasparc
endif
ifeq ($(ARCH),aarch64)
  CPU_TYPE ?= generic
  CPU_CFLAGS_generic = -mcpu=generic
  CPU_CFLAGS_cortex-a53 = -mcpu=cortex-a53
endif
ifeq ($(ARCH),arc)
  CPU_TYPE ?= arc700
  CPU_CFLAGS += -matomic
  CPU_CFLAGS_arc700 = -mcpu=arc700
  CPU_CFLAGS_archs = -mcpu=archs
endif
ifeq ($(ARCH),riscv64)
  CPU_TYPE ?= riscv64
  CPU_CFLAGS_riscv64:=-mabi=lp64d -march=rv64imafdc
endif
ifeq ($(ARCH),loongarch64)
  CPU_TYPE ?= generic
  CPU_CFLAGS := -O2 -pipe
  CPU_CFLAGS_generic:=-march=loongarch64
endif
ifneq ($(CPU_TYPE),)
  ifndef CPU_CFLAGS_$(CPU_TYPE)
    $(warning CPU_TYPE "$(CPU_TYPE)" doesn't correspond to a known type)
  endif
endif
DEFAULT_CFLAGS=$(strip $(CPU_CFLAGS) $(CPU_CFLAGS_$(CPU_TYPE)) $(CPU_CFLAGS_$(CPU_SUBTYPE)))

ifneq ($(BOARD),)
  # The target's kernel configuration, merged as scripts/kconfig.pl merges it.
  $(kiln-kconfig $(LINUX_KCONFIG_LIST))

  ifdef KERNEL_TESTING_PATCHVER
    ifneq ($(KERNEL_TESTING_PATCHVER),$(KERNEL_PATCHVER))
      FEATURES += testing-kernel
    endif
  endif
  FEATURES += $(if $(CONFIG_OF),dt)
  FEATURES += $(if $(CONFIG_GENERIC_GPIO)$(CONFIG_GPIOLIB),gpio)
  FEATURES += $(if $(CONFIG_PCI),pci)
  FEATURES += $(if $(CONFIG_PCIEPORTBUS),pcie)
  FEATURES += $(if $(CONFIG_USB)$(CONFIG_USB_SUPPORT),$(if $(CONFIG_USB_ARCH_HAS_HCD)$(CONFIG_USB_EHCI_HCD),usb))
  FEATURES += $(if $(CONFIG_PCMCIA)$(CONFIG_PCCARD),pcmcia)
  FEATURES += $(if $(CONFIG_VGA_CONSOLE)$(CONFIG_FB),display)
  FEATURES += $(if $(CONFIG_RTC_CLASS),rtc)
  FEATURES += $(if $(CONFIG_VIRTIO),virtio)
  FEATURES += $(if $(CONFIG_CPU_MIPS32_R2),mips16)
  FEATURES += $(if $(CONFIG_CPU_V6)$(CONFIG_CPU_V6K),arm_v6)
  FEATURES += $(if $(CONFIG_CPU_V7),arm_v7)
  FEATURES:=$(sort $(FEATURES))
endif
