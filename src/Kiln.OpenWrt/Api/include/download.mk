# Kiln: source downloads. A package describes its sources (Download/NAME blocks
# and PKG_SOURCE*); Kiln's downloader fetches and verifies them. Here: the
# defaults, the version of git sources, and the checks OpenWrt makes.

PROJECT_GIT = https://git.openwrt.org
OPENWRT_GIT = $(PROJECT_GIT)
LEDE_GIT = $(PROJECT_GIT)

# A source taken from version control is versioned by its date and revision.
ifdef PKG_SOURCE_VERSION
  ifndef PKG_VERSION
    PKG_VERSION := $(if $(PKG_SOURCE_DATE),$(subst -,.,$(PKG_SOURCE_DATE)),0)~$(call version_abbrev,$(PKG_SOURCE_VERSION))
  endif
  PKG_SOURCE_SUBDIR ?= $(PKG_NAME)-$(PKG_VERSION)
  PKG_SOURCE ?= $(PKG_SOURCE_SUBDIR).tar.zst
endif

DOWNLOAD_RDEP=$(STAMP_PREPARED) $(HOST_STAMP_PREPARED)

export DOWNLOAD_CHECK_CERTIFICATE:=$(CONFIG_DOWNLOAD_CHECK_CERTIFICATE)
export DOWNLOAD_TOOL_CUSTOM:=$(CONFIG_DOWNLOAD_TOOL_CUSTOM)

dl_method_git = $(if $(filter https://github.com/% git://github.com/%,$(1)),github_archive,git)

# The download method for URL $(1) and protocol $(2).
dl_method = $(strip $(if $(filter git,$(2)),$(call dl_method_git,$(1),$(2)),$(if $(2),$(2),$(call kiln_dl_scheme,$(1)))))
kiln_dl_scheme = $(strip \
  $(if $(filter @OPENWRT @APACHE/% @DEBIAN/% @GITHUB/% @GNOME/% @GNU/% @KERNEL/% @SF/% @SAVANNAH/% ftp://% http://% https://% file://%,$(1)),default,\
  $(if $(filter git://%,$(1)),$(call dl_method_git,$(1),$(2)),\
  $(if $(filter svn://%,$(1)),svn,\
  $(if $(filter cvs://%,$(1)),cvs,\
  $(if $(filter hg://%,$(1)),hg,\
  $(if $(filter sftp://%,$(1)),bzr,unknown)))))))

dl_pack/bz2=bzip2 -c > $(1)
dl_pack/gz=gzip -nc > $(1)
dl_pack/xz=xz -zc -7e > $(1)
dl_pack/zst=zstd -T0 --ultra -20 -c > $(1)
dl_pack/unknown=$(error ERROR: Unknown pack format for file $(1))
dl_pack = $(if $(dl_pack/$(call ext,$(1))),$(dl_pack/$(call ext,$(1))),$(dl_pack/unknown))
dl_tar_pack = $(TAR) --numeric-owner --owner=0 --group=0 --mode=a-s --sort=name $$$${TAR_TIMESTAMP:+--mtime="$$$$TAR_TIMESTAMP"} -c $(2) | $(call dl_pack,$(1))

gen_sha256sum = $(shell $(MKHASH) sha256 $(DL_DIR)/$(1))

# Version-control methods also need a revision and a directory name.
Validate/cvs=SOURCE_VERSION SUBDIR
Validate/svn=SOURCE_VERSION SUBDIR
Validate/git=SOURCE_VERSION SUBDIR
Validate/bzr=SOURCE_VERSION SUBDIR
Validate/hg=SOURCE_VERSION SUBDIR
Validate/darcs=SOURCE_VERSION SUBDIR

define Download/Defaults
  URL:=
  FILE:=
  URL_FILE:=
  PROTO:=
  HASH=$$(MD5SUM)
  MD5SUM:=x
  SUBDIR:=
  MIRROR:=1
  MIRROR_HASH=$$(MIRROR_MD5SUM)
  MIRROR_MD5SUM:=x
  SOURCE_VERSION:=
  OPTS:=
  SUBMODULES:=
endef

define Download/default
  FILE:=$(PKG_SOURCE)
  URL:=$(PKG_SOURCE_URL)
  URL_FILE:=$(PKG_SOURCE_URL_FILE)
  SUBDIR:=$(PKG_SOURCE_SUBDIR)
  PROTO:=$(PKG_SOURCE_PROTO)
  SUBMODULES:=$(PKG_SOURCE_SUBMODULES)
  $(if $(PKG_SOURCE_MIRROR),MIRROR:=$(filter 1,$(PKG_MIRROR)))
  $(if $(PKG_MIRROR_MD5SUM),MIRROR_MD5SUM:=$(PKG_MIRROR_MD5SUM))
  $(if $(PKG_MIRROR_HASH),MIRROR_HASH:=$(PKG_MIRROR_HASH))
  SOURCE_VERSION:=$(PKG_SOURCE_VERSION)
  $(if $(PKG_MD5SUM),MD5SUM:=$(PKG_MD5SUM))
  $(if $(PKG_HASH),HASH:=$(PKG_HASH))
endef

# Download NAME: reads Download/Defaults then Download/NAME (into URL, FILE, HASH...),
# checks the fields the method needs, and records the download for the build.
define Download
  $(eval $(Download/Defaults))
  $(eval $(Download/$(1)))
  $(foreach FIELD,URL FILE $(Validate/$(call dl_method,$(URL),$(PROTO))),
    ifeq ($($(FIELD)),)
      $$(error Download/$(1) is missing the $(FIELD) field.)
    endif
  )
  KILN_DOWNLOADS += $(1)
  KILN_DOWNLOAD/$(1) := $(FILE)|$(URL)|$(HASH)|$(MIRROR_HASH)|$(PROTO)|$(SOURCE_VERSION)|$(SUBDIR)|$(URL_FILE)|$(SUBMODULES)
  download: $(DL_DIR)/$(FILE)
endef
