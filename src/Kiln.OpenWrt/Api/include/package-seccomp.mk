# Kiln: seccomp filter files for services, installed when the kernel supports seccomp.

PKG_CONFIG_DEPENDS+= CONFIG_KERNEL_SECCOMP

ifeq ($(CONFIG_KERNEL_SECCOMP),y)
  define InstallSeccomp
	$(INSTALL_DIR) $(1)/etc/seccomp
	$(INSTALL_DATA) $(2) $(1)/etc/seccomp/
  endef
endif
