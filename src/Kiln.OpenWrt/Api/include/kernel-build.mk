# Kiln: building the kernel of a target (include $(INCLUDE_DIR)/kernel-build.mk, pulled in by
# target.mk with TARGET_BUILD=1). Kiln does not build kernels yet: what is here is what board
# Makefiles read and name; BuildKernel declares the targets a board build asks for.

include $(INCLUDE_DIR)/prereq.mk
include $(INCLUDE_DIR)/depends.mk

KERNEL_FILE_DEPENDS=$(GENERIC_BACKPORT_DIR) $(GENERIC_PATCH_DIR) $(GENERIC_HACK_DIR) $(PATCH_DIR) $(GENERIC_FILES_DIR) $(FILES_DIR)
STAMP_PREPARED=$(LINUX_DIR)/.prepared
STAMP_CONFIGURED:=$(LINUX_DIR)/.configured
include $(INCLUDE_DIR)/download.mk
include $(INCLUDE_DIR)/quilt.mk
include $(INCLUDE_DIR)/kernel-defaults.mk

define Kernel/Prepare
	$(call Kernel/Prepare/Default)
endef

define Kernel/Configure
	$(call Kernel/Configure/Default)
endef

define Kernel/CompileModules
	$(call Kernel/CompileModules/Default)
endef

define Kernel/CompileImage
	$(call Kernel/CompileImage/Default)
	$(call Kernel/CompileImage/Initramfs)
endef

define Kernel/Clean
	$(call Kernel/Clean/Default)
endef

define Download/kernel
  URL:=$(LINUX_SITE)
  FILE:=$(LINUX_SOURCE)
  HASH:=$(LINUX_KERNEL_HASH)
endef

define BuildKernel
  download: $(DL_DIR)/$(LINUX_SOURCE)
  prepare: $(STAMP_PREPARED)
  compile: $(LINUX_DIR)/.modules
  install: $(LINUX_DIR)/.image
  clean: FORCE
	$(call Kernel/Clean)
endef
