# Kiln: kernel build defaults (configure, modules, images). Kiln does not build
# kernels yet; these keep the names board and kernel Makefiles use.

ifdef CONFIG_STRIP_KERNEL_EXPORTS
  KERNEL_MAKEOPTS_IMAGE += \
	EXTRA_LDSFLAGS="-I$(KERNEL_BUILD_DIR) -include symtab.h"
endif

INITRAMFS_EXTRA_FILES ?= $(GENERIC_PLATFORM_DIR)/image/initramfs-base-files.txt

export HOST_EXTRACFLAGS=-I$(STAGING_DIR_HOST)/include

Kernel/Patch:=$(Kernel/Patch/Default)

LINUX_CAT:=$(if $(findstring .xz,$(LINUX_SOURCE)),xzcat,$(STAGING_DIR_HOST)/bin/libdeflate-gzip -dc)

ifeq ($(strip $(CONFIG_EXTERNAL_KERNEL_TREE)),"")
  define Kernel/Prepare/Default
	$(LINUX_CAT) $(DL_DIR)/$(LINUX_SOURCE) | $(TAR) -C $(KERNEL_BUILD_DIR) $(TAR_OPTIONS)
	$(if $(filter "",$(strip $(CONFIG_KERNEL_GIT_CLONE_URI))),$(Kernel/Patch))
	$(if $(filter "",$(strip $(CONFIG_KERNEL_GIT_CLONE_URI))),$(if $(QUILT),touch $(LINUX_DIR)/.quilt_used))
  endef
else
  define Kernel/Prepare/Default
	mkdir -p $(KERNEL_BUILD_DIR)
	if [ -d $(LINUX_DIR) ]; then rmdir $(LINUX_DIR); fi
	ln -s $(CONFIG_EXTERNAL_KERNEL_TREE) $(LINUX_DIR)
	if [ -d $(LINUX_DIR)/user_headers ]; then rm -rf $(LINUX_DIR)/user_headers; fi
  endef
endif

OBJCOPY_STRIP = -R .reginfo -R .notes -R .note -R .comment -R .mdebug -R .note.gnu.build-id

# AMD64 shares the location with x86
ifeq ($(LINUX_KARCH),x86_64)
IMAGES_DIR:=../../x86/boot
endif

define Kernel/CompileImage/Initramfs
endef
