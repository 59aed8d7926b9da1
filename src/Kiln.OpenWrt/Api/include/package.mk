# Kiln: the package API (include $(INCLUDE_DIR)/package.mk). Defines BuildPackage
# and the per-package build state; in a metadata scan (DUMP=1) BuildPackage
# prints each package's metadata instead of creating build rules.

__package_mk:=1

all: $(if $(DUMP),dumpinfo,$(if $(CHECK),check,compile))

include $(INCLUDE_DIR)/download.mk

PKG_BUILD_DIR ?= $(BUILD_DIR)/$(if $(BUILD_VARIANT),$(PKG_NAME)-$(BUILD_VARIANT)/)$(PKG_NAME)$(if $(PKG_VERSION),-$(PKG_VERSION))
PKG_INSTALL_DIR ?= $(PKG_BUILD_DIR)/ipkg-install
PKG_BUILD_PARALLEL ?=
PKG_SKIP_DOWNLOAD=$(USE_SOURCE_DIR)$(USE_GIT_TREE)$(USE_GIT_SRC_CHECKOUT)

MAKE_J:=$(if $(MAKE_JOBSERVER),$(MAKE_JOBSERVER) $(if $(filter 3.% 4.0 4.1,$(MAKE_VERSION)),-j))
# Kiln works the script's answer out itself where it can do so exactly (no process to start, inputs it can check).
PKG_SOURCE_DATE_EPOCH:=$(if $(DUMP),,$(if $(wildcard $(TOPDIR)/scripts/get_source_date_epoch.sh),$(or \
  $(kiln-source-date-epoch $(TOPDIR)/scripts/get_source_date_epoch.sh,$(CURDIR)),$(shell $(TOPDIR)/scripts/get_source_date_epoch.sh $(CURDIR)))))

ifeq ($(strip $(PKG_BUILD_PARALLEL)),0)
PKG_JOBS?=-j1
else
PKG_JOBS?=$(if $(PKG_BUILD_PARALLEL),$(MAKE_J),-j1)
endif

# PKG_BUILD_FLAGS: per-package switches (flag or no-flag) over the configured defaults.
PKG_BUILD_FLAGS?=
__unknown_flags=$(filter-out no-iremap no-mips16 gc-sections no-gc-sections lto no-lto no-mold,$(PKG_BUILD_FLAGS))
ifneq ($(__unknown_flags),)
  $(error unknown PKG_BUILD_FLAGS: $(__unknown_flags))
endif
pkg_build_flag = $(if $(filter no-$(1),$(PKG_BUILD_FLAGS)),0,$(if $(filter $(1),$(PKG_BUILD_FLAGS)),1,$(2)))

ifeq ($(call pkg_build_flag,iremap,1),1)
  IREMAP_CFLAGS = $(call iremap,$(PKG_BUILD_DIR),$(notdir $(PKG_BUILD_DIR)))
  TARGET_CFLAGS += $(IREMAP_CFLAGS)
endif
ifdef CONFIG_USE_MIPS16
  ifeq ($(call pkg_build_flag,mips16,1),1)
    TARGET_ASFLAGS_DEFAULT = $(filter-out -mips16 -minterlink-mips16,$(TARGET_CFLAGS))
    TARGET_CFLAGS += -mips16 -minterlink-mips16
    TARGET_CXXFLAGS += -mips16 -minterlink-mips16
  endif
endif
ifeq ($(call pkg_build_flag,gc-sections,$(if $(CONFIG_USE_GC_SECTIONS),1,0)),1)
  TARGET_CFLAGS+= -ffunction-sections -fdata-sections
  TARGET_CXXFLAGS+= -ffunction-sections -fdata-sections
  TARGET_LDFLAGS+= -Wl,--gc-sections
endif
ifeq ($(call pkg_build_flag,lto,$(if $(CONFIG_USE_LTO),1,0)),1)
  TARGET_CFLAGS+= -flto=auto -fno-fat-lto-objects
  TARGET_CXXFLAGS+= -flto=auto -fno-fat-lto-objects
  TARGET_LDFLAGS+= -flto=auto -fuse-linker-plugin
endif
ifdef CONFIG_USE_MOLD
  ifeq ($(call pkg_build_flag,mold,1),1)
    TARGET_LINKER:=mold
  endif
endif

# What only building needs is left out of a scan (DUMP), which never expands it.
ifeq ($(DUMP),)
  include $(INCLUDE_DIR)/hardening.mk
  include $(INCLUDE_DIR)/unpack.mk
  include $(INCLUDE_DIR)/depends.mk
endif
include $(INCLUDE_DIR)/prereq.mk

ifneq ($(wildcard $(TOPDIR)/git-src/$(PKG_NAME)/.git),)
  USE_GIT_SRC_CHECKOUT:=1
  QUILT:=1
endif
ifneq ($(if $(CONFIG_SRC_TREE_OVERRIDE),$(wildcard ./git-src)),)
  USE_GIT_TREE:=1
  QUILT:=1
endif
ifdef USE_SOURCE_DIR
  QUILT:=1
endif
ifneq ($(wildcard $(PKG_BUILD_DIR)/.source_dir),)
  QUILT:=1
endif

include $(INCLUDE_DIR)/quilt.mk

# The installed library versions a package links against: its dependencies, five levels deep.
kiln_dep_closure = $(sort $(foreach d,$(1),$(Package/$(d)/depends) $(d)))
find_library_dependencies = $(wildcard $(patsubst %,$(STAGING_DIR)/pkginfo/%.version,$(filter-out $(BUILD_PACKAGES),$(call kiln_dep_closure,$(call kiln_dep_closure,$(call kiln_dep_closure,$(call kiln_dep_closure,$(call kiln_dep_closure,$(Package/$(1)/depends)))))))))

PKG_DIR_NAME:=$(lastword $(subst /,$(space),$(CURDIR)))
ifdef DUMP
  STAMP_NO_AUTOREBUILD=$(wildcard $(PKG_BUILD_DIR)/.no_autorebuild)
  PREV_STAMP_PREPARED:=$(if $(STAMP_NO_AUTOREBUILD),$(wildcard $(PKG_BUILD_DIR)/.prepared*))
  ifneq ($(PREV_STAMP_PREPARED),)
    STAMP_PREPARED:=$(PREV_STAMP_PREPARED)
    CONFIG_AUTOREBUILD:=
  else
    STAMP_PREPARED=$(PKG_BUILD_DIR)/.prepared$(if $(QUILT)$(DUMP),,_$(shell $(call $(if $(CONFIG_AUTOREMOVE),find_md5_reproducible,find_md5),${CURDIR} $(PKG_FILE_DEPENDS),))_$(call confvar,CONFIG_AUTOREMOVE $(PKG_PREPARED_DEPENDS)))
  endif
  STAMP_CONFIGURED=$(PKG_BUILD_DIR)/.configured$(if $(DUMP),,_$(call confvar,$(PKG_CONFIG_DEPENDS)))
else
  # Kiln keeps the stamps of a build itself, with a hash of every input of each step in them,
  # so their names no longer carry hashes of the package directory and configuration.
  STAMP_PREPARED=$(PKG_BUILD_DIR)/.prepared
  STAMP_CONFIGURED=$(PKG_BUILD_DIR)/.configured
endif
STAMP_CONFIGURED_WILDCARD=$(PKG_BUILD_DIR)/.configured_*
STAMP_BUILT:=$(PKG_BUILD_DIR)/.built
STAMP_INSTALLED:=$(STAGING_DIR)/stamp/.$(PKG_DIR_NAME)$(if $(BUILD_VARIANT),.$(BUILD_VARIANT),)_installed
STAGING_FILES_LIST:=$(PKG_DIR_NAME)$(if $(BUILD_VARIANT),.$(BUILD_VARIANT),).list
PKG_INSTALL_STAMP:=$(PKG_INFO_DIR)/$(PKG_DIR_NAME).$(if $(BUILD_VARIANT),$(BUILD_VARIANT),default).install

define CleanStaging
	rm -f $(STAMP_INSTALLED)
	@-(\
		if [ -f $(STAGING_DIR)/packages/$(STAGING_FILES_LIST) ]; then \
			$(SCRIPT_DIR)/clean-package.sh \
				"$(STAGING_DIR)/packages/$(STAGING_FILES_LIST)" \
				"$(STAGING_DIR)"; \
		fi; \
	)
endef

include $(INCLUDE_DIR)/package-defaults.mk
include $(INCLUDE_DIR)/package-dumpinfo.mk
ifeq ($(DUMP),)
  include $(INCLUDE_DIR)/package-pack.mk
  include $(INCLUDE_DIR)/package-bin.mk
endif
include $(INCLUDE_DIR)/autotools.mk

_pkg_target:=$(if $(QUILT),,.)

override MAKEFLAGS=
CONFIG_SITE:=$(INCLUDE_DIR)/site/$(ARCH)
CUR_MAKEFILE:=$(filter-out Makefile,$(firstword $(MAKEFILE_LIST)))
SUBMAKE:=$(NO_TRACE_MAKE) $(if $(CUR_MAKEFILE),-f $(CUR_MAKEFILE))
PKG_CONFIG_PATH=$(STAGING_DIR)/usr/lib/pkgconfig:$(STAGING_DIR)/usr/share/pkgconfig
unexport QUIET CONFIG_SITE

# The repository whose index the prepare step checks out (Kiln takes its state as an input of that step).
ifdef USE_GIT_SRC_CHECKOUT
  KILN_GIT_TREE:=$(TOPDIR)/git-src/$(PKG_NAME)/.git
  define Build/Prepare/Default
	mkdir -p $(PKG_BUILD_DIR)
	ln -s $(TOPDIR)/git-src/$(PKG_NAME)/.git $(PKG_BUILD_DIR)/.git
	( cd $(PKG_BUILD_DIR); git checkout .; git submodule update --recursive; git submodule foreach git config --unset core.worktree; git submodule foreach git checkout .; )
  endef
endif
ifdef USE_GIT_TREE
  KILN_GIT_TREE:=$(CURDIR)/git-src
  define Build/Prepare/Default
	mkdir -p $(PKG_BUILD_DIR)
	ln -s $(CURDIR)/git-src $(PKG_BUILD_DIR)/.git
	( cd $(PKG_BUILD_DIR); git checkout .; git submodule update --recursive; git submodule foreach git config --unset core.worktree; git submodule foreach git checkout .; )
  endef
endif
ifdef USE_SOURCE_DIR
  define Build/Prepare/Default
	rm -rf $(PKG_BUILD_DIR)
	$(if $(wildcard $(USE_SOURCE_DIR)/*),,@echo "Error: USE_SOURCE_DIR=$(USE_SOURCE_DIR) path not found"; false)
	ln -snf $(USE_SOURCE_DIR) $(PKG_BUILD_DIR)
	touch $(PKG_BUILD_DIR)/.source_dir
  endef
endif

define Build/Exports/Default
  $(1) : export ACLOCAL_INCLUDE=$$(foreach p,$$(wildcard $$(STAGING_DIR)/usr/share/aclocal $$(STAGING_DIR)/usr/share/aclocal-* $$(STAGING_DIR_HOSTPKG)/share/aclocal $$(STAGING_DIR_HOSTPKG)/share/aclocal-* $$(STAGING_DIR)/host/share/aclocal $$(STAGING_DIR)/host/share/aclocal-*),-I $$(p))
  $(1) : export STAGING_PREFIX=$$(STAGING_DIR)/usr
  $(1) : export PATH=$$(TARGET_PATH_PKG)
  $(1) : export CONFIG_SITE:=$$(CONFIG_SITE)
  $(1) : export PKG_CONFIG_PATH:=$$(PKG_CONFIG_PATH)
  $(1) : export PKG_CONFIG_LIBDIR:=$$(PKG_CONFIG_PATH)
  $(1) : export GIT_CEILING_DIRECTORIES:=$$(BUILD_DIR)
endef
Build/Exports=$(Build/Exports/Default)

# The steps of a build, as rules whose recipes are those of OpenWrt's stamp rules. Being rules,
# they are read as OpenWrt's eval reads its rules: a make conditional inside a hook's body
# (Build/Compile, Package/NAME/install, ...) is processed here and never reaches the shell. Kiln
# expands a recipe when it runs the step, which is also when it writes the stamp.
define Build/CoreTargets
  STAMP_PREPARED:=$$(STAMP_PREPARED)
  STAMP_CONFIGURED:=$$(STAMP_CONFIGURED)
  $(call Build/Exports,$(STAMP_PREPARED))
  $(call Build/Exports,$(STAMP_CONFIGURED))
  $(call Build/Exports,$(STAMP_BUILT))
  $(call Build/Exports,$(STAMP_INSTALLED))

  Kiln/Recipe/prepare:
	@-rm -rf $(PKG_BUILD_DIR)
	@mkdir -p $(PKG_BUILD_DIR)
	$(foreach hook,$(Hooks/Prepare/Pre),$(call $(hook))$(sep))
	$(Build/Prepare)
	$(foreach hook,$(Hooks/Prepare/Post),$(call $(hook))$(sep))

  Kiln/Recipe/configure:
	$(foreach hook,$(Hooks/Configure/Pre),$(call $(hook))$(sep))
	$(Build/Configure)
	$(foreach hook,$(Hooks/Configure/Post),$(call $(hook))$(sep))

  Kiln/Recipe/compile:
	$(foreach hook,$(Hooks/Compile/Pre),$(call $(hook))$(sep))
	$(Build/Compile)
	$(foreach hook,$(Hooks/Compile/Post),$(call $(hook))$(sep))
	$(Build/Install)
	$(foreach hook,$(Hooks/Install/Post),$(call $(hook))$(sep))

  KILN_INSTALLDEV:=$(if $(Build/InstallDev),1)
  Kiln/Recipe/installdev:
	rm -rf $(TMP_DIR)/stage-$(PKG_DIR_NAME)
	mkdir -p $(TMP_DIR)/stage-$(PKG_DIR_NAME)/host $(STAGING_DIR)/packages
	$(foreach hook,$(Hooks/InstallDev/Pre),$(call $(hook),$(TMP_DIR)/stage-$(PKG_DIR_NAME),$(TMP_DIR)/stage-$(PKG_DIR_NAME)/host)$(sep))
	$(call Build/InstallDev,$(TMP_DIR)/stage-$(PKG_DIR_NAME),$(TMP_DIR)/stage-$(PKG_DIR_NAME)/host)
	$(foreach hook,$(Hooks/InstallDev/Post),$(call $(hook),$(TMP_DIR)/stage-$(PKG_DIR_NAME),$(TMP_DIR)/stage-$(PKG_DIR_NAME)/host)$(sep))
	find $(TMP_DIR)/stage-$(PKG_DIR_NAME) -name '*.la' | $(XARGS) rm -f
  KILN_STAGE_DIR:=$(TMP_DIR)/stage-$(PKG_DIR_NAME)
  KILN_STAGING_LIST:=$(STAGING_DIR)/packages/$(STAGING_FILES_LIST)
  $(call DefaultTargets)
endef

# Declares the source download, then the build steps (once per Makefile).
define Build/DefaultTargets
  $(if $(PKG_SKIP_DOWNLOAD),,$(if $(strip $(PKG_SOURCE_URL)),$(call Download,default)))
  $(if $(DUMP),,$(Build/CoreTargets))

  define Build/DefaultTargets
  endef
endef

# BuildPackage NAME: reads Package/Default and Package/NAME, checks the required
# fields, then prints the metadata (scans) or declares the package (builds).
# The expansion prints before the checks run, in this order, as OpenWrt does. A scan (DUMP)
# declares no prepared-stamp rule: no rule is part of its output, and the stamp's name costs a
# file test per package. A build leaves the stamp's library dependencies to the eval.
define BuildPackage
  $(eval $(Package/Default))
  $(eval $(Package/$(1)))

ifdef DESCRIPTION
$$(error DESCRIPTION:= is obsolete, use Package/PKG_NAME/description)
endif

ifndef Package/$(1)/description
define Package/$(1)/description
	$(TITLE)
endef
endif

  BUILD_PACKAGES += $(1)
  $(if $(DUMP),,$(STAMP_PREPARED): $$(if $(QUILT),,$$(call find_library_dependencies,$(1))))

  $(foreach FIELD, TITLE CATEGORY SECTION VERSION,
    ifeq ($($(FIELD)),)
      $$(error Package/$(1) is missing the $(FIELD) field)
    endif
  )

  $(if $(DUMP),$(if $(CHECK),,$(Dumpinfo/Package)$(kiln-package $(1))),$(foreach target,$(if $(Package/$(1)/targets),$(Package/$(1)/targets),$(if $(PKG_TARGETS),$(PKG_TARGETS),ipkg)),$(BuildTarget/$(target))))
  $(if $(PKG_HOST_ONLY),,$(call Build/DefaultTargets,$(1)))
endef

pkg_install_files = $(foreach install_file,$(1),$(INSTALL_DIR) $(3)/`dirname $(install_file)`; $(INSTALL_DATA) $(2)/$(install_file) $(3)/`dirname $(install_file)`;)
pkg_install_bin = $(foreach install_apps,$(1),$(INSTALL_DIR) $(3)/`dirname $(install_apps)`; $(INSTALL_BIN) $(2)/$(install_apps) $(3)/`dirname $(install_apps)`;)

Build/Prepare=$(call Build/Prepare/Default,)
Build/Configure=$(call Build/Configure/Default,)
Build/Compile=$(call Build/Compile/Default,$(if $(PKG_SUBDIRS),SUBDIRS='$$$$(wildcard $(PKG_SUBDIRS))'))
Build/Install=$(if $(PKG_INSTALL),$(call Build/Install/Default,))
Build/Dist=$(call Build/Dist/Default,)
Build/DistCheck=$(call Build/DistCheck/Default,)

# What `kiln clean` runs once the build directory and staged files are gone, as OpenWrt's clean
# rule does: the package's own Build/UninstallDev and Build/Clean, expanded when they run.
Kiln/Recipe/clean:
	$(call Build/UninstallDev,$(STAGING_DIR),$(STAGING_DIR)/host)
	$(Build/Clean)

.NOTPARALLEL:

compile:
.install: .compile
install: compile
