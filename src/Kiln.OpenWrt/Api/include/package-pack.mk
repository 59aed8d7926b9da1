# Kiln: helpers shared with packing (Kiln writes .ipk files itself; see Kiln.Build).

ifndef DUMP
  include $(INCLUDE_DIR)/feeds.mk
endif

IPKG_STATE_DIR:=$(TARGET_DIR)/usr/lib/opkg

PARENL :=(
PARENR :=)

# Dependency expressions: +pkg, pkg, COND:pkg, !COND:pkg, @SYMBOL.
dep_split=$(subst :,$(space),$(1))
dep_rem=$(subst !,,$(subst $(strip $(PARENL)),,$(subst $(strip $(PARENR)),,$(word 1,$(call dep_split,$(1))))))
dep_and=dep_and_res:=$$(and $(subst $(space),$(comma),$(foreach cond,$(subst &&, ,$(1)),$$(CONFIG_$(cond)))))
dep_confvar=$(strip $(foreach cond,$(subst ||, ,$(call dep_rem,$(1))),$(eval $(call dep_and,$(cond)))$(dep_and_res)))
dep_pos=$(if $(call dep_confvar,$(1)),$(call dep_val,$(1)))
dep_neg=$(if $(call dep_confvar,$(1)),,$(call dep_val,$(1)))
dep_if=$(if $(findstring !,$(1)),$(call dep_neg,$(1)),$(call dep_pos,$(1)))
dep_val=$(word 2,$(call dep_split,$(1)))
strip_deps=$(strip $(subst +,,$(filter-out @%,$(1))))
filter_deps=$(foreach dep,$(call strip_deps,$(1)),$(if $(findstring :,$(dep)),$(call dep_if,$(dep)),$(dep)))

_addsep=$(word 1,$(1))$(foreach w,$(wordlist 2,$(words $(1)),$(1)),$(strip $(2) $(w)))
_cleansep=$(subst $(space)$(2)$(space),$(2)$(space),$(1))
mergelist=$(call _cleansep,$(call _addsep,$(1),$(comma)),$(comma))
addfield=$(if $(strip $(2)),$(1): $(2))

# A package's ABI suffix: its ABI version, after a dash when the name ends in a digit (libfoo2-1).
kiln_abi_suffix=$(if $(2),$(if $(filter %0 %1 %2 %3 %4 %5 %6 %7 %8 %9,$(1)),-)$(2))
_define=define
_endef=endef

# BuildTarget/ipkg NAME: where the package's files are put together (its install directory),
# and the recipe that fills it, as OpenWrt's rule for $(IDIR_NAME) runs it.
define BuildTarget/ipkg
  IDIR_$(1):=$(PKG_BUILD_DIR)/ipkg-$(PKGARCH)/$(1)
  KILN_PACKAGES += $(1)
  KILN_IDIR/$(1):=$(PKG_BUILD_DIR)/ipkg-$(PKGARCH)/$(1)
  $(call Build/Exports,$(PKG_BUILD_DIR)/ipkg-$(PKGARCH)/$(1))

  KILN_PKGARCH/$(1):=$(PKGARCH)
  KILN_INSTALLED_NAME/$(1):=$(1)$(call kiln_abi_suffix,$(1),$(ABI_VERSION))

  # The control file as OpenWrt's packer writes it, in its field order; Kiln adds Depends
  # (resolved through the .config and the dependencies' ABI versions), Installed-Size and
  # Description when it packs.
  define Kiln/Control/$(1)
Package: $(1)$(call kiln_abi_suffix,$(1),$(ABI_VERSION))
Version: $(VERSION)
$(call addfield,Conflicts,$(call mergelist,$(CONFLICTS)))
$(call addfield,Provides,$(call mergelist,$(filter-out $(1)$(call kiln_abi_suffix,$(1),$(ABI_VERSION)),$(PROVIDES)$(if $(ABI_VERSION), $(1) $(foreach provide,$(PROVIDES),$(provide)$(call kiln_abi_suffix,$(provide),$(ABI_VERSION)))))))
$(call addfield,Alternatives,$(call mergelist,$(ALTERNATIVES)))
Source: $(SOURCE)
SourceName: $(PKG_NAME)
$(call addfield,License,$(LICENSE))
$(call addfield,LicenseFiles,$(LICENSE_FILES))
Section: $(SECTION)
$(call addfield,Require-User,$(USERID))
$(call addfield,SourceDateEpoch,$(PKG_SOURCE_DATE_EPOCH))
$(call addfield,URL,$(URL))
$(call addfield,ABIVersion,$(ABI_VERSION))
$(if $(PKG_CPE_ID),CPE-ID: $(PKG_CPE_ID))
$(if $(MAINTAINER),Maintainer: $(MAINTAINER))
Architecture: $(PKGARCH)
  endef

  Kiln/Recipe/install/$(1):
	rm -rf $$(IDIR_$(1))
	mkdir -p $$(IDIR_$(1))
	$(call Package/$(1)/install,$$(IDIR_$(1)))
	-find $$(IDIR_$(1)) -name 'CVS' -o -name '.svn' -o -name '.#*' -o -name '*~'| $(XARGS) rm -rf
endef
