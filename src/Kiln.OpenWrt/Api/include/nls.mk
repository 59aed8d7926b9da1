# Kiln: native language support. With CONFIG_BUILD_NLS, packages link the full
# libiconv/libintl; otherwise the C library's stubs.

ifeq ($(CONFIG_BUILD_NLS),y)
  ICONV_PREFIX:=$(STAGING_DIR)/usr/lib/libiconv-full
  ICONV_FULL:=1
  INTL_PREFIX:=$(STAGING_DIR)/usr/lib/libintl-full
  INTL_FULL:=1
  CMAKE_OPTIONS += -DCMAKE_PREFIX_PATH="$(ICONV_PREFIX);$(INTL_PREFIX)"
else
  ICONV_PREFIX:=
  ICONV_FULL:=
  INTL_PREFIX:=
  INTL_FULL:=
endif

PKG_CONFIG_DEPENDS += CONFIG_BUILD_NLS

ICONV_DEPENDS:=+BUILD_NLS:libiconv-full
INTL_DEPENDS:=+BUILD_NLS:libintl-full

kiln_nls_flag = $(if $(filter y,$(CONFIG_BUILD_NLS)),$(1))
ICONV_CFLAGS:=$(call kiln_nls_flag,-I$(ICONV_PREFIX)/include)
ICONV_CPPFLAGS:=$(call kiln_nls_flag,-I$(ICONV_PREFIX)/include)
ICONV_LDFLAGS:=$(call kiln_nls_flag,-L$(ICONV_PREFIX)/lib -Wl$(comma)-rpath-link=$(ICONV_PREFIX)/lib)
INTL_CFLAGS:=$(call kiln_nls_flag,-I$(INTL_PREFIX)/include)
INTL_CPPFLAGS:=$(call kiln_nls_flag,-I$(INTL_PREFIX)/include)
INTL_LDFLAGS:=$(call kiln_nls_flag,-L$(INTL_PREFIX)/lib -Wl$(comma)-rpath-link=$(INTL_PREFIX)/lib)

TARGET_CFLAGS += $(ICONV_CFLAGS) $(INTL_CFLAGS)
TARGET_CPPFLAGS += $(ICONV_CPPFLAGS) $(INTL_CPPFLAGS)
TARGET_LDFLAGS += $(ICONV_LDFLAGS) $(INTL_LDFLAGS)
