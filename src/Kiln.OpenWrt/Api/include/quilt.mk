# Kiln: patch directories and how patches are applied (plain patch, or quilt when developing).

ifeq ($(TARGET_BUILD),1)
  PKG_BUILD_DIR:=$(LINUX_DIR)
endif
ifneq ($(filter host-refresh refresh,$(MAKECMDGOALS)),)
  override QUILT=1
  override HOST_QUILT=1
endif

ifneq ($(PKG_BUILD_DIR),)
  QUILT?=$(if $(wildcard $(PKG_BUILD_DIR)/.quilt_used),y)
  ifneq ($(QUILT),)
    STAMP_CHECKED:=$(PKG_BUILD_DIR)/.quilt_checked
    override CONFIG_AUTOREBUILD=
    override CONFIG_AUTOREMOVE=
    quilt-check: $(STAMP_CHECKED)
  endif
endif

ifneq ($(HOST_BUILD_DIR),)
  HOST_QUILT?=$(if $(findstring command,$(origin QUILT)),$(QUILT),$(if $(wildcard $(HOST_BUILD_DIR)/.quilt_used),y))
  ifneq ($(HOST_QUILT),)
    HOST_STAMP_CHECKED:=$(HOST_BUILD_DIR)/.quilt_checked
    override CONFIG_AUTOREBUILD=
    override CONFIG_AUTOREMOVE=
    host-quilt-check: $(HOST_STAMP_CHECKED)
  endif
endif

ifneq ($(if $(DUMP),1,$(__quilt_inc)),1)
__quilt_inc:=1

PATCH_DIR?=$(CURDIR)/patches
FILES_DIR?=$(CURDIR)/files
HOST_PATCH_DIR?=$(PATCH_DIR)
HOST_FILES_DIR?=$(FILES_DIR)

QUILT_CMD:=quilt --quiltrc=-

filter_series = sed -e s,\\\#.*,, $(1) | grep -E \[a-zA-Z0-9\]

# 1: source tree, 2: patch directory, 3: prefix inside the tree's patch series
# Applies the patches of $(2) to $(1) in order (series, else by name), as OpenWrt's
# patch-kernel.sh does; a patch that fails names itself after patch's own report of the hunk.
define PatchDir/Default
	@if [ -d "$(2)" ] && [ "$$$$(ls $(2) | wc -l)" -gt 0 ]; then \
		export PATCH="$(PATCH)"; \
		if [ -s "$(2)/series" ]; then \
			patches="$$$$($(call filter_series,$(2)/series))"; \
		else \
			patches="$$$$(cd "$(2)" && ls | LC_ALL=C sort)"; \
		fi; \
		for p in $$$$patches; do \
			[ -f "$(2)/$$$$p" ] && [ "$$$$p" != series ] || continue; \
			echo "Applying $(2)/$$$$p"; \
			case "$$$$p" in *.gz) unpack="gzip -dc";; *.bz2) unpack="bzip2 -dc";; *.xz) unpack="xz -dc";; *.zst) unpack="zstd -dc";; *) unpack=cat;; esac; \
			$$$$unpack "$(2)/$$$$p" | $(PATCH) -p1 -E -d "$(1)" --no-backup-if-mismatch -f -N || { echo "Patch failed: $(2)/$$$$p" >&2; exit 1; }; \
		done; \
	fi
endef

define PatchDir/Quilt
	@mkdir -p "$(1)/patches$(if $(3),/$(patsubst %/,%,$(3)))"
	@if [ -s "$(2)/series" ]; then \
		mkdir -p "$(1)/patches/$(3)"; \
		cp "$(2)/series" "$(1)/patches/$(3)"; \
	fi
	@for patch in $$$$( (cd "$(2)" && if [ -f series ]; then $(call filter_series,series); else ls | sort; fi; ) 2>/dev/null ); do ( \
		cp "$(2)/$$$$patch" "$(1)/patches/$(3)"; \
		echo "$(3)$$$$patch" >> "$(1)/patches/series"; \
	); done
	$(if $(3),@echo $(3) >> "$(1)/patches/.subdirs")
endef

PatchDir = $(call PatchDir/$(if $(strip $(QUILT)),Quilt,Default),$(strip $(1)),$(strip $(2)),$(strip $(3)))
HostPatchDir = $(call PatchDir/$(if $(strip $(HOST_QUILT)),Quilt,Default),$(strip $(1)),$(strip $(2)),$(strip $(3)))

define Host/Patch/Default
	$(if $(HOST_QUILT),rm -rf $(HOST_BUILD_DIR)/patches; mkdir -p $(HOST_BUILD_DIR)/patches)
	$(call HostPatchDir,$(HOST_BUILD_DIR),$(HOST_PATCH_DIR),)
	$(if $(HOST_QUILT),touch $(HOST_BUILD_DIR)/.quilt_used)
endef

define Build/Patch/Default
	$(if $(QUILT),rm -rf $(PKG_BUILD_DIR)/patches; mkdir -p $(PKG_BUILD_DIR)/patches)
	$(call PatchDir,$(PKG_BUILD_DIR),$(PATCH_DIR),)
	$(if $(QUILT),touch $(PKG_BUILD_DIR)/.quilt_used)
endef

kernel_files=$(foreach fdir,$(GENERIC_FILES_DIR) $(FILES_DIR),$(fdir)/.)

endif
