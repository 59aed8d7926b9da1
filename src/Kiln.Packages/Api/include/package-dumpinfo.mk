# Kiln: the metadata a scan prints for each package (the .packageinfo format).

ifneq ($(DUMP),)

# Source-wide lines, printed once before the first package of the Makefile.
define SOURCE_INFO
$(if $(PKG_BUILD_DEPENDS),Build-Depends: $(PKG_BUILD_DEPENDS)
)$(if $(HOST_BUILD_DEPENDS),Build-Depends/host: $(HOST_BUILD_DEPENDS)
)$(if $(BUILD_TYPES),Build-Types: $(BUILD_TYPES)
)

endef

# "NAME: value" and a newline, or nothing when the value is empty.
define kiln_line
$(if $(2),$(1): $(2)
)
endef

define Dumpinfo/Package
$(info $(SOURCE_INFO)Package: $(1)
$(call kiln_line,Menu,$(MENU))$(call kiln_line,Submenu,$(SUBMENU))$(call kiln_line,Submenu-Depends,$(SUBMENUDEP))$(call kiln_line,Default,$(DEFAULT))$(if $(findstring $(PREREQ_CHECK),1),Prereq-Check: 1
)Version: $(VERSION)
Depends: $(call PKG_FIXUP_DEPENDS,$(1),$(DEPENDS))
Conflicts: $(CONFLICTS)
Menu-Depends: $(MDEPENDS)
Provides: $(PROVIDES)
$(if $(VARIANT),Build-Variant: $(VARIANT)
$(if $(DEFAULT_VARIANT),Default-Variant: $(VARIANT)
))Section: $(SECTION)
Category: $(CATEGORY)
$(if $(filter nonshared,$(PKGFLAGS)),,Repository: $(if $(FEED),$(FEED),base)
)Title: $(TITLE)
Maintainer: $(MAINTAINER)
$(call kiln_line,Require-User,$(USERID))Source: $(PKG_SOURCE)
$(call kiln_line,License,$(LICENSE))$(call kiln_line,LicenseFiles,$(LICENSE_FILES))$(call kiln_line,CPE-ID,$(PKG_CPE_ID))$(call kiln_line,URL,$(URL))$(call kiln_line,ABI-Version,$(ABI_VERSION))Type: $(if $(Package/$(1)/targets),$(Package/$(1)/targets),$(if $(PKG_TARGETS),$(PKG_TARGETS),ipkg))
$(call kiln_line,Kernel-Config,$(KCONFIG))$(call kiln_line,Build-Only,$(BUILDONLY))$(call kiln_line,Hidden,$(HIDDEN))Description: $(if $(Package/$(1)/description),$(Package/$(1)/description),$(TITLE))
@@
$(if $(Package/$(1)/config),Config:
$(Package/$(1)/config)
@@
))
SOURCE_INFO :=
endef

dumpinfo: FORCE
	$(if $(SOURCE_INFO),$(info $(SOURCE_INFO)))

endif
