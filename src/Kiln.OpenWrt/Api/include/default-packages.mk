# The package manager every image gets, by the .config's choice (apk or opkg); added to a
# target's DEFAULT_PACKAGES by target/linux/Makefile, which is what profiles.json records.
ifneq ($(CONFIG_USE_APK),)
  DEFAULT_PACKAGES += apk-mbedtls
else
  DEFAULT_PACKAGES += opkg
endif
