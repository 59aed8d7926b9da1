# Kiln: the package feeds of the tree (feeds.conf, package/feeds/) and where their packages go.

-include $(TMP_DIR)/.packageauxvars

# Feed names from feeds.conf (or feeds.conf.default): the word after each src-* method.
kiln_feed_names = $(if $(1),$(if $(filter src-%,$(firstword $(1))),$(word 2,$(1)) )$(call kiln_feed_names,$(wordlist 2,$(words $(1)),$(1))))

FEEDS_INSTALLED:=$(notdir $(wildcard $(TOPDIR)/package/feeds/*))
# A tree without feeds.conf has none but those installed.
kiln_feeds_conf := $(firstword $(wildcard $(TOPDIR)/feeds.conf $(TOPDIR)/feeds.conf.default))
FEEDS_AVAILABLE:=$(sort $(FEEDS_INSTALLED) $(if $(kiln_feeds_conf),$(call kiln_feed_names,$(file <$(kiln_feeds_conf)))))

PACKAGE_SUBDIRS=$(PACKAGE_DIR)
ifneq ($(CONFIG_PER_FEED_REPO),)
  PACKAGE_SUBDIRS += $(OUTPUT_DIR)/packages/$(ARCH_PACKAGES)/base
  PACKAGE_SUBDIRS += $(foreach FEED,$(FEEDS_AVAILABLE),$(OUTPUT_DIR)/packages/$(ARCH_PACKAGES)/$(FEED))
endif

opkg_package_files = $(wildcard $(foreach dir,$(PACKAGE_SUBDIRS),$(foreach pkg,$(1), $(dir)/$(pkg)_*.ipk)))
apk_package_files = $(wildcard $(foreach dir,$(PACKAGE_SUBDIRS),$(foreach pkg,$(1), $(dir)/$(pkg)_*.apk)))

FeedPackageDir = $(strip $(if $(CONFIG_PER_FEED_REPO),$(if $(Package/$(1)/subdir),$(abspath $(OUTPUT_DIR)/packages/$(ARCH_PACKAGES)/$(Package/$(1)/subdir)),$(PACKAGE_DIR)),$(PACKAGE_DIR)))

# 1: opkg configuration file to append the image's feed lines to
define FeedSourcesAppendOPKG
( \
  echo 'src/gz %d_core %U/targets/%S/packages'; \
  $(strip $(if $(CONFIG_PER_FEED_REPO), \
	echo 'src/gz %d_base %U/packages/%A/base'; \
	$(if $(CONFIG_BUILDBOT), \
		echo 'src/gz %d_kmods %U/targets/%S/kmods/$(LINUX_VERSION)-$(LINUX_RELEASE)-$(LINUX_VERMAGIC)';) \
	$(foreach feed,$(FEEDS_AVAILABLE), \
		$(if $(CONFIG_FEED_$(feed)), \
			echo '$(if $(filter m,$(CONFIG_FEED_$(feed))),# )src/gz %d_$(feed) %U/packages/%A/$(feed)';)))) \
) >> $(1)
endef

define FeedSourcesAppendAPK
( \
  echo '%U/targets/%S/packages/packages.adb'; \
  $(strip $(if $(CONFIG_PER_FEED_REPO), \
	echo '%U/packages/%A/base/packages.adb'; \
	$(if $(CONFIG_BUILDBOT), \
		echo '%U/targets/%S/kmods/$(LINUX_VERSION)-$(LINUX_RELEASE)-$(LINUX_VERMAGIC)/packages.adb';) \
	$(foreach feed,$(FEEDS_AVAILABLE), \
		$(if $(CONFIG_FEED_$(feed)), \
			echo '$(if $(filter m,$(CONFIG_FEED_$(feed))),# )%U/packages/%A/$(feed)/packages.adb';)))) \
) >> $(1)
endef

GetABISuffix = $(if $(ABIV_$(1)),$(ABIV_$(1)),$(call FormatABISuffix,$(1),$(foreach v,$(wildcard $(STAGING_DIR)/pkginfo/$(1).version),$(file <$(v)))))
FormatABISuffix = $(if $(filter-out kmod-%,$(1)),$(if $(2),$(if $(filter %0 %1 %2 %3 %4 %5 %6 %7 %8 %9,$(1)),-)$(2)))
