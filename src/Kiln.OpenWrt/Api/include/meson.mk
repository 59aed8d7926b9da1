# Kiln: defaults for Meson packages (native and cross files, ninja builds).

MESON_DIR:=$(STAGING_DIR_HOST)/lib/meson

MESON_HOST_BUILD_DIR:=$(HOST_BUILD_DIR)/openwrt-build
MESON_HOST_VARS:=
MESON_HOST_ARGS:=

MESON_BUILD_DIR:=$(PKG_BUILD_DIR)/openwrt-build
MESON_VARS:=
MESON_ARGS:=

MESON_ARCH:=$(strip \
  $(if $(findstring i386,$(CONFIG_ARCH)),"x86",\
  $(if $(findstring powerpc64,$(CONFIG_ARCH)),"ppc64",\
  $(if $(findstring powerpc,$(CONFIG_ARCH)),"ppc",\
  $(if $(findstring mips64el,$(CONFIG_ARCH)),"mips64",\
  $(if $(findstring mipsel,$(CONFIG_ARCH)),"mips",\
  $(if $(findstring armeb,$(CONFIG_ARCH)),"arm",$(CONFIG_ARCH))))))))

ifeq ($(origin CPU_TYPE),undefined)
MESON_CPU:="generic"
else
MESON_CPU:="$(CPU_TYPE)$(if $(CPU_SUBTYPE),+$(CPU_SUBTYPE))"
endif

Meson = $(2) $(STAGING_DIR_HOST)/bin/$(PYTHON) $(STAGING_DIR_HOST)/bin/meson.py $(1)

# Each flag quoted for meson's ini syntax: 'a','b',
kiln_meson_list = $(foreach x,$(1),'$(x)',)

define Meson/CreateNativeFile
	$(STAGING_DIR_HOST)/bin/sed \
		-e "s|@CC@|$(call kiln_meson_list,$(HOSTCC))|" \
		-e "s|@CXX@|$(call kiln_meson_list,$(HOSTCXX))|" \
		-e "s|@PKGCONFIG@|$(PKG_CONFIG)|" \
		-e "s|@CMAKE@|$(STAGING_DIR_HOST)/bin/cmake|" \
		-e "s|@PYTHON@|$(STAGING_DIR_HOST)/bin/python3|" \
		-e "s|@CFLAGS@|$(call kiln_meson_list,$(HOST_CFLAGS) $(HOST_CPPFLAGS))|" \
		-e "s|@CXXFLAGS@|$(call kiln_meson_list,$(HOST_CXXFLAGS) $(HOST_CPPFLAGS))|" \
		-e "s|@LDFLAGS@|$(call kiln_meson_list,$(HOST_LDFLAGS))|" \
		-e "s|@PREFIX@|$(HOST_BUILD_PREFIX)|" \
		< $(MESON_DIR)/openwrt-native.txt.in \
		> $(1)
endef

define Meson/CreateCrossFile
	$(STAGING_DIR_HOST)/bin/sed \
		-e "s|@CC@|$(call kiln_meson_list,$(TARGET_CC))|" \
		-e "s|@CXX@|$(call kiln_meson_list,$(TARGET_CXX))|" \
		-e "s|@LD@|$(call kiln_meson_list,$(TARGET_LINKER))|" \
		-e "s|@AR@|$(TARGET_AR)|" \
		-e "s|@STRIP@|$(TARGET_CROSS)strip|" \
		-e "s|@NM@|$(TARGET_NM)|" \
		-e "s|@PKGCONFIG@|$(PKG_CONFIG)|" \
		-e "s|@CMAKE@|$(STAGING_DIR_HOST)/bin/cmake|" \
		-e "s|@PYTHON@|$(STAGING_DIR_HOST)/bin/python3|" \
		-e "s|@CFLAGS@|$(call kiln_meson_list,$(TARGET_CFLAGS) $(EXTRA_CFLAGS) $(TARGET_CPPFLAGS) $(EXTRA_CPPFLAGS))|" \
		-e "s|@CXXFLAGS@|$(call kiln_meson_list,$(TARGET_CXXFLAGS) $(EXTRA_CXXFLAGS) $(TARGET_CPPFLAGS) $(EXTRA_CPPFLAGS))|" \
		-e "s|@LDFLAGS@|$(call kiln_meson_list,$(TARGET_LDFLAGS) $(EXTRA_LDFLAGS))|" \
		-e "s|@ARCH@|$(MESON_ARCH)|" \
		-e "s|@CPU@|$(MESON_CPU)|" \
		-e "s|@ENDIAN@|$(if $(CONFIG_BIG_ENDIAN),big,little)|" \
		< $(MESON_DIR)/openwrt-cross.txt.in \
		> $(1)
endef

define Host/Configure/Meson
	$(call Meson/CreateNativeFile,$(HOST_BUILD_DIR)/openwrt-native.txt)
	$(call Meson, \
		setup \
		--native-file $(HOST_BUILD_DIR)/openwrt-native.txt \
		-Ddefault_library=static \
		$(MESON_HOST_ARGS) \
		$(MESON_HOST_BUILD_DIR) \
		$(MESON_HOST_BUILD_DIR)/.., \
		$(MESON_HOST_VARS))
endef

Host/Compile/Meson = +$(NINJA) -C $(MESON_HOST_BUILD_DIR) $(1)
Host/Install/Meson = +$(NINJA) -C $(MESON_HOST_BUILD_DIR) install
Host/Uninstall/Meson = +$(NINJA) -C $(MESON_HOST_BUILD_DIR) uninstall || true

define Build/Configure/Meson
	$(call Meson/CreateNativeFile,$(PKG_BUILD_DIR)/openwrt-native.txt)
	$(call Meson/CreateCrossFile,$(PKG_BUILD_DIR)/openwrt-cross.txt)
	$(call Meson, \
		setup \
		--buildtype $(if $(CONFIG_DEBUG),debug,plain) \
		--native-file $(PKG_BUILD_DIR)/openwrt-native.txt \
		--cross-file $(PKG_BUILD_DIR)/openwrt-cross.txt \
		-Ddefault_library=both \
		$(MESON_ARGS) \
		$(MESON_BUILD_DIR) \
		$(MESON_BUILD_DIR)/.., \
		$(MESON_VARS))
endef

Build/Compile/Meson = +$(NINJA) -C $(MESON_BUILD_DIR) $(1)
Build/Install/Meson = +DESTDIR="$(PKG_INSTALL_DIR)" $(NINJA) -C $(MESON_BUILD_DIR) install

Host/Configure=$(call Host/Configure/Meson)
Host/Compile=$(call Host/Compile/Meson)
Host/Install=$(call Host/Install/Meson)
Host/Uninstall=$(call Host/Uninstall/Meson)
Build/Configure=$(call Build/Configure/Meson)
Build/Compile=$(call Build/Compile/Meson)
Build/Install=$(call Build/Install/Meson)
