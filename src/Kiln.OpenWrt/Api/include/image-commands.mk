# Kiln: the commands image pipelines are made of, included by image.mk. A pipeline step
# "NAME ARGS" runs Build/NAME with ARGS as $(1); $@ is the file being made, $(IMAGE_KERNEL)
# and $(IMAGE_ROOTFS) its inputs. Board image Makefiles add their own with `define Build/NAME`.
# The commands are those OpenWrt runs, word for word: they are what a build does.

IMAGE_KERNEL = $(word 1,$^)
IMAGE_ROOTFS = $(word 2,$^)

# The second '_'-separated word of $(1), at most 16 characters.
define ModelNameLimit16
$(shell printf %.16s "$(word 2, $(subst _, ,$(1)))")
endef

# The alignment of a root file system given its image name (root.squashfs, root.jffs2-64k...).
define rootfs_align
$(patsubst %-256k,0x40000,$(patsubst %-128k,0x20000,$(patsubst %-64k,0x10000,$(patsubst squashfs%,0x4,$(patsubst root.%,%,$(1))))))
endef

# Helpers of the commands below.
kiln_host_bin = $(STAGING_DIR_HOST)/bin
kiln_first_dtb = $(KDIR)/image-$(firstword $(DEVICE_DTS)).dtb
kiln_entry = $(if $(KERNEL_ENTRY),$(KERNEL_ENTRY),$(KERNEL_LOADADDR))
kiln_uimage_name = $(if $(UIMAGE_NAME),$(UIMAGE_NAME),$(call toupper,$(LINUX_KARCH)) $(VERSION_DIST) Linux-$(LINUX_VERSION))
kiln_rest = $(wordlist 2,$(words $(1)),$(1))

# --- kernel and device tree ------------------------------------------------------

define Build/kernel-bin
	rm -f $@
	cp $< $@
endef

define Build/append-dtb
	cat $(kiln_first_dtb) >> $@
endef

define Build/append-dtb-elf
	$(TARGET_CROSS)objcopy \
		--set-section-flags=.appended_dtb=alloc,contents \
		--update-section \
		.appended_dtb=$(kiln_first_dtb) $@
endef

define Build/append-kernel
	dd if=$(IMAGE_KERNEL) >> $@
endef

define Build/install-dtb
	$(call locked, \
		$(foreach dts,$(DEVICE_DTS), \
			$(CP) \
				$(DTS_DIR)/$(dts).dtb \
				$(BIN_DIR)/$(IMG_PREFIX)-$(dts).dtb; \
		), \
		install-dtb-$(IMG_PREFIX) \
	)
endef

define Build/patch-cmdline
	$(kiln_host_bin)/patch-cmdline $@ '$(CMDLINE)'
endef

# --- compression ---------------------------------------------------------------------

define Build/lzma
	$(call Build/lzma-no-dict,-lc1 -lp2 -pb2 $(1))
endef

define Build/lzma-no-dict
	$(kiln_host_bin)/lzma e $@ $(1) $@.new
	@mv $@.new $@
endef

define Build/gzip
	$(kiln_host_bin)/gzip -f -9n -c $@ $(1) > $@.new
	@mv $@.new $@
endef

define Build/libdeflate-gzip
	$(kiln_host_bin)/libdeflate-gzip -f -12 -c $@ $(1) > $@.new
	@mv $@.new $@
endef

# 1: the name to record, 2: other files to add.
define Build/gzip-filename
	@mkdir -p $@.tmp
	@cp $@ $@.tmp/$(word 1,$(1))
	$(if $(SOURCE_DATE_EPOCH),touch -hcd "@$(SOURCE_DATE_EPOCH)" $@.tmp/$(word 1,$(1)) $(word 2,$(1)))
	$(kiln_host_bin)/gzip -f -9 -N -c $@.tmp/$(word 1,$(1)) $(word 2,$(1)) > $@.new
	@mv $@.new $@
	@rm -rf $@.tmp
endef

# The suffix of the initramfs compression the configuration selects.
define Build/initrd_compression
	$(if $(CONFIG_TARGET_INITRAMFS_COMPRESSION_BZIP2),.bzip2) \
	$(if $(CONFIG_TARGET_INITRAMFS_COMPRESSION_GZIP),.gzip) \
	$(if $(CONFIG_TARGET_INITRAMFS_COMPRESSION_LZ4),.lz4) \
	$(if $(CONFIG_TARGET_INITRAMFS_COMPRESSION_LZMA),.lzma) \
	$(if $(CONFIG_TARGET_INITRAMFS_COMPRESSION_LZO),.lzo) \
	$(if $(CONFIG_TARGET_INITRAMFS_COMPRESSION_XZ),.xz) \
	$(if $(CONFIG_TARGET_INITRAMFS_COMPRESSION_ZSTD),.zstd)
endef

# 1: the archive member's name (default: the file's), then zip options.
define Build/zip
	rm -rf $@.tmp
	mkdir $@.tmp
	mv $@ $@.tmp/$(word 1,$(1))
	TZ=UTC $(kiln_host_bin)/zip -j -X \
		$(call kiln_rest,$(1)) \
		$@ $@.tmp/$(if $(word 1,$(1)),$(word 1,$(1)),$$(basename $@))
	rm -rf $@.tmp
endef

# --- appending -----------------------------------------------------------------------

define Build/append-rootfs
	dd if=$(IMAGE_ROOTFS) >> $@
endef

define Build/append-uboot
	dd if=$(UBOOT_PATH) >> $@
endef

define Build/append-string
	echo -n $(1) >> $@
endef

define Build/copy-file
	cat "$(1)" > "$@"
endef

define Build/pad-extra
	dd if=/dev/zero bs=$(1) count=1 >> $@
endef

define Build/pad-to
	$(call Image/pad-to,$@,$(1))
endef

# Pads so that the size plus 2: the offset is a multiple of 1: the block.
define Build/pad-offset
	let \
		size="$$(stat -c%s $@)" \
		pad="$(call exp_units,$(word 1, $(1)))" \
		offset="$(call exp_units,$(word 2, $(1)))" \
		pad="(pad - ((size + offset) % pad)) % pad" \
		newsize='size + pad'; \
		dd if=$@ of=$@.new bs=$$newsize count=1 conv=sync
	mv $@.new $@
endef

define Build/pad-rootfs
	$(kiln_host_bin)/padjffs2 $@ $(1) \
		$(if $(BLOCKSIZE),$(BLOCKSIZE:%k=%),4 8 16 64 128 256)
endef

# An image made earlier for the device (1: its name), metadata stripped.
define kiln_stripped_image
	cp "$(BIN_DIR)/$(DEVICE_IMG_PREFIX)-$(1)" "$@.stripmeta"
	fwtool -s /dev/null -t "$@.stripmeta" || :
	fwtool -i /dev/null -t "$@.stripmeta" || :
endef

define Build/append-image
	$(call kiln_stripped_image,$(1))
	dd if="$@.stripmeta" >> "$@"
	rm "$@.stripmeta"
endef

# Also kept in the staging directory, for image builders.
ifdef IB
define Build/append-image-stage
	dd if=$(STAGING_DIR_IMAGE)/$(BOARD)-$(SUBTARGET)-$(DEVICE_NAME)-$(1) >> $@
endef
else
define Build/append-image-stage
	$(call kiln_stripped_image,$(1))
	mkdir -p "$(STAGING_DIR_IMAGE)"
	dd if="$@.stripmeta" of="$(STAGING_DIR_IMAGE)/$(BOARD)-$(SUBTARGET)-$(DEVICE_NAME)-$(1)"
	dd if="$@.stripmeta" >> "$@"
	rm "$@.stripmeta"
endef
endif

define Build/append-md5sum-ascii-salted
	cp $@ $@.salted
	echo -ne $(1) >> $@.salted
	$(kiln_host_bin)/mkhash md5 $@.salted | head -c32 >> $@
	rm $@.salted
endef

# An empty squashfs (an old one, big endian, or a current one), for loaders that look for one.
define kiln_fake_squashfs
	rm -rf $@.fakefs $@.fakesquashfs
	mkdir $@.fakefs
	$(kiln_host_bin)/$(1) \
		$@.fakefs $@.fakesquashfs \
		$(2)
	cat $@.fakesquashfs >> $@
endef

define Build/append-squashfs-fakeroot-be
	$(call kiln_fake_squashfs,mksquashfs3-lzma,-noappend -root-owned -be -nopad -b 65536 \
		$(if $(SOURCE_DATE_EPOCH),-fixed-time $(SOURCE_DATE_EPOCH)))
endef

define Build/append-squashfs4-fakeroot
	$(call kiln_fake_squashfs,mksquashfs4,-nopad -noappend -root-owned)
endef

# An empty uImage header (1: type, 2: magic), for loaders that check one.
define Build/append-uImage-fakehdr
	touch $@.fakehdr
	$(kiln_host_bin)/mkimage \
		-A $(LINUX_KARCH) -O linux -T $(word 1,$(1)) -C none \
		-n '$(VERSION_DIST) fake $(word 1,$(1))' \
		$(if $(word 2,$(1)),-M $(word 2,$(1))) \
		-d $@.fakehdr \
		-s \
		$@.fakehdr
	cat $@.fakehdr >> $@
endef

# --- metadata and checks ---------------------------------------------------------------------

compat_version=$(if $(DEVICE_COMPAT_VERSION),$(DEVICE_COMPAT_VERSION),1.0)
json_quote=$(subst ','\'',$(subst ",\",$(1)))

legacy_supported_message=$(SUPPORTED_DEVICES) - Image version mismatch: image $(compat_version), \
	device 1.0. Please wipe config during upgrade (force required) or reinstall. \
	$(if $(DEVICE_COMPAT_MESSAGE),Reason: $(DEVICE_COMPAT_MESSAGE),Please check documentation ...)

metadata_devices=$(if $(1),$(subst "$(space)","$(comma)",$(strip $(foreach v,$(1),"$(call json_quote,$(v))"))))

# The sysupgrade metadata (fwtool) of the image, as a quoted JSON object.
metadata_json = \
	'{ $(if $(IMAGE_METADATA),$(IMAGE_METADATA)$(comma)) \
		"metadata_version": "1.1", \
		"compat_version": "$(call json_quote,$(compat_version))", \
		$(if $(DEVICE_COMPAT_MESSAGE),"compat_message": "$(call json_quote,$(DEVICE_COMPAT_MESSAGE))"$(comma)) \
		$(if $(filter-out 1.0,$(compat_version)),"new_supported_devices": \
			[$(call metadata_devices,$(SUPPORTED_DEVICES))]$(comma) \
			"supported_devices": ["$(call json_quote,$(legacy_supported_message))"]$(comma)) \
		$(if $(filter 1.0,$(compat_version)),"supported_devices":[$(call metadata_devices,$(SUPPORTED_DEVICES))]$(comma)) \
		"version": { \
			"dist": "$(call json_quote,$(VERSION_DIST))", \
			"version": "$(call json_quote,$(VERSION_NUMBER))", \
			"revision": "$(call json_quote,$(REVISION))", \
			"target": "$(call json_quote,$(TARGETID))", \
			"board": "$(call json_quote,$(if $(BOARD_NAME),$(BOARD_NAME),$(DEVICE_NAME)))" \
		} \
	}'

# Metadata, checksum and, with a build key, a signature.
define Build/append-metadata
	$(if $(SUPPORTED_DEVICES),-echo $(call metadata_json) | fwtool -I - $@)
	sha256sum "$@" | cut -d" " -f1 > "$@.sha256sum"
	[ ! -s "$(BUILD_KEY)" -o ! -s "$(BUILD_KEY).ucert" -o ! -s "$@" ] || { \
		cp "$(BUILD_KEY).ucert" "$@.ucert" ;\
		usign -S -m "$@" -s "$(BUILD_KEY)" -x "$@.sig" ;\
		ucert -A -c "$@.ucert" -x "$@.sig" ;\
		fwtool -S "$@.ucert" "$@" ;\
	}
endef

# Removes the file (with a warning) if it is bigger than 1: a size (default IMAGE_SIZE).
define Build/check-size
	@imagesize="$$(stat -c%s $@)"; \
	limitsize="$$(($(call exp_units,$(if $(1),$(1),$(IMAGE_SIZE)))))"; \
	[ $$limitsize -ge $$imagesize ] || { \
		$(call ERROR_MESSAGE,    WARNING: Image file $@ is too big: $$imagesize > $$limitsize); \
		rm -f $@; \
	}
endef

# --- file systems and flash layouts ---------------------------------------------------------------

# The file, placed at 1: a path, inside a jffs2 file system of the device's erase block size.
define Build/jffs2
	rm -rf $(KDIR_TMP)/$(DEVICE_NAME)/jffs2 && \
		mkdir -p $(KDIR_TMP)/$(DEVICE_NAME)/jffs2/$$(dirname $(1)) && \
		cp $@ $(KDIR_TMP)/$(DEVICE_NAME)/jffs2/$(1) && \
		$(kiln_host_bin)/mkfs.jffs2 --pad \
			$(if $(CONFIG_BIG_ENDIAN),--big-endian,--little-endian) \
			--squash-uids -v -e $(patsubst %k,%KiB,$(BLOCKSIZE)) \
			-o $@.new \
			-d $(KDIR_TMP)/$(DEVICE_NAME)/jffs2 \
			2>&1 1>/dev/null | awk '/^.+$$$$/' && \
		$(kiln_host_bin)/padjffs2 $@.new -J $(patsubst %k,,$(BLOCKSIZE))
	-rm -rf $(KDIR_TMP)/$(DEVICE_NAME)/jffs2/
	@mv $@.new $@
endef

define Build/yaffs-filesystem
	let \
		kernel_size="$$(stat -c%s $@)" \
		kernel_chunks="(kernel_size / 1024) + 1" \
		filesystem_chunks="kernel_chunks + 3" \
		filesystem_blocks="(filesystem_chunks / 63) + 1" \
		filesystem_size="filesystem_blocks * 64 * 1024" \
		filesystem_size_with_reserve="(filesystem_blocks + 2) * 64 * 1024"; \
		head -c $$filesystem_size_with_reserve /dev/zero | tr "\000" "\377" > $@.img \
		&& yafut -d $@.img -w -i $@ -o kernel -C 1040 -B 64k -E -P -S $(1) \
		&& truncate -s $$filesystem_size $@.img \
		&& mv $@.img $@
endef

# The options of ubinize-image.sh shared by the UBI commands.
kiln_ubi_geometry = -p $(BLOCKSIZE:%k=%KiB) -m $(PAGESIZE) \
		$(if $(SUBPAGESIZE),-s $(SUBPAGESIZE)) \
		$(if $(VID_HDR_OFFSET),-O $(VID_HDR_OFFSET)) \
		$(UBINIZE_OPTS)

UBI_NAND_SIZE_LIMIT = $(IMAGE_SIZE) - ($(NAND_SIZE)*20/1024 + 4*$(BLOCKSIZE))

define Build/append-ubi
	sh $(TOPDIR)/scripts/ubinize-image.sh \
		$(if $(UBOOTENV_IN_UBI),--uboot-env) \
		$(if $(KERNEL_IN_UBI),--kernel $(IMAGE_KERNEL)) \
		$(foreach part,$(UBINIZE_PARTS),--part $(part)) \
		--rootfs $(IMAGE_ROOTFS) \
		$@.tmp \
		$(kiln_ubi_geometry)
	cat $@.tmp >> $@
	rm $@.tmp
	$(if $(and $(IMAGE_SIZE),$(NAND_SIZE)),\
		$(call Build/check-size,$(UBI_NAND_SIZE_LIMIT)))
endef

# A UBI image holding 1: a volume name = 2: an image made earlier for the device.
define Build/ubinize-image
	sh $(TOPDIR)/scripts/ubinize-image.sh \
		$(if $(UBOOTENV_IN_UBI),--uboot-env) \
		$(foreach part,$(UBINIZE_PARTS),--part $(part)) \
		--part $(word 1,$(1))="$(BIN_DIR)/$(DEVICE_IMG_PREFIX)-$(word 2,$(1))" \
		$@.tmp \
		$(kiln_ubi_geometry)
	cat $@.tmp >> $@
	rm $@.tmp
endef

define Build/ubinize-kernel
	cp $@ $@.tmp
	sh $(TOPDIR)/scripts/ubinize-image.sh \
		--kernel $@.tmp \
		$@ \
		$(kiln_ubi_geometry)
	rm $@.tmp
endef

define Build/package-kernel-ubifs
	mkdir $@.kernelubifs
	cp $@ $@.kernelubifs/kernel
	$(kiln_host_bin)/mkfs.ubifs \
		$(KERNEL_UBIFS_OPTS) \
		-r $@.kernelubifs $@
	rm -r $@.kernelubifs
endef

define Build/sysupgrade-tar
	sh $(TOPDIR)/scripts/sysupgrade-tar.sh \
		--board $(if $(BOARD_NAME),$(BOARD_NAME),$(DEVICE_NAME)) \
		--kernel $(call param_get_default,kernel,$(1),$(IMAGE_KERNEL)) \
		--rootfs $(call param_get_default,rootfs,$(1),$(IMAGE_ROOTFS)) \
		$@
endef

# Converts the raw image to 1: a qemu-img format.
define Build/qemu-image
	if command -v qemu-img; then \
		qemu-img convert -f raw -O $1 $@ $@.new; \
		mv $@.new $@; \
	else \
		echo "WARNING: Install qemu-img to create VDI/VMDK images" >&2; exit 1; \
	fi
endef

# --- U-Boot images ----------------------------------------------------------------------------

kiln_uimage_time = $(if $(UIMAGE_TIME),SOURCE_DATE_EPOCH="$(UIMAGE_TIME)")

# A legacy uImage: 1: the compression, then more mkimage options.
define Build/uImage
	$(kiln_uimage_time) \
	mkimage \
		-A $(LINUX_KARCH) \
		-O linux \
		-T kernel \
		-C $(word 1,$(1)) \
		-a $(KERNEL_LOADADDR) \
		-e $(kiln_entry) \
		-n '$(kiln_uimage_name)' \
		$(if $(UIMAGE_MAGIC),-M $(UIMAGE_MAGIC)) \
		$(call kiln_rest,$(1)) \
		-d $@ $@.new
	mv $@.new $@
endef

# A multi-file uImage: 1: the compression, 2 and 3: the other files, then more options.
define Build/multiImage
	$(kiln_uimage_time) \
	mkimage \
		-A $(LINUX_KARCH) \
		-O linux \
		-T multi \
		-C $(word 1,$(1)) \
		-a $(KERNEL_LOADADDR) \
		-e $(kiln_entry) \
		-n '$(kiln_uimage_name)' \
		$(if $(UIMAGE_MAGIC),-M $(UIMAGE_MAGIC)) \
		-d $@:$(word 2,$(1)):$(word 3,$(1)) \
		$(wordlist 4,$(words $(1)),$(1)) \
		$@.new
	mv $@.new $@
endef

# A FIT image: 1: the compression, 2: the device tree, 3: with-rootfs / with-initrd / external...
define Build/fit
	$(call locked,$(TOPDIR)/scripts/mkits.sh \
		-D $(DEVICE_NAME) -o $@.its -k $@ \
		-C $(word 1,$(1)) \
		$(if $(word 2,$(1)),\
			$(if $(findstring 11,$(if $(DEVICE_DTS_OVERLAY),1)$(if $(findstring $(KERNEL_BUILD_DIR)/image-,$(word 2,$(1))),,1)), \
				-d $(KERNEL_BUILD_DIR)/image-$$(basename $(word 2,$(1))), \
				-d $(word 2,$(1)))) \
		$(if $(findstring with-rootfs,$(word 3,$(1))),-r $(IMAGE_ROOTFS)) \
		$(if $(findstring with-initrd,$(word 3,$(1))), \
			$(if $(CONFIG_TARGET_ROOTFS_INITRAMFS_SEPARATE), \
				-i $(KERNEL_BUILD_DIR)/initrd$(if $(TARGET_PER_DEVICE_ROOTFS),.$(ROOTFS_ID/$(DEVICE_NAME))).cpio$(strip $(call Build/initrd_compression)))) \
		-a $(KERNEL_LOADADDR) -e $(kiln_entry) \
		$(if $(DEVICE_FDT_NUM),-n $(DEVICE_FDT_NUM)) \
		$(if $(DEVICE_DTS_DELIMITER),-l $(DEVICE_DTS_DELIMITER)) \
		$(if $(DEVICE_DTS_LOADADDR),-s $(DEVICE_DTS_LOADADDR)) \
		$(if $(DEVICE_DTS_OVERLAY),$(foreach dtso,$(DEVICE_DTS_OVERLAY), -O $(dtso):$(KERNEL_BUILD_DIR)/image-$(dtso).dtbo)) \
		-c $(if $(DEVICE_DTS_CONFIG),$(DEVICE_DTS_CONFIG),"config-1") \
		-A $(LINUX_KARCH) -v $(LINUX_VERSION), gen-cpio$(if $(TARGET_PER_DEVICE_ROOTFS),.$(ROOTFS_ID/$(DEVICE_NAME))))
	PATH=$(LINUX_DIR)/scripts/dtc:$(PATH) mkimage $(if $(findstring external,$(word 3,$(1))),\
		-E -B 0x1000 $(if $(findstring static,$(word 3,$(1))),-p 0x1000)) -f $@.its $@.new
	@mv $@.new $@
endef

# A FIT image of a vendor's format (ubi, or hlos kernel and rootfs).
define kiln_qsdk_image
	$(TOPDIR)/scripts/mkits-qsdk-ipq-image.sh \
		$@.its $(1)
	PATH=$(LINUX_DIR)/scripts/dtc:$(PATH) mkimage -f $@.its $@.new
	@mv $@.new $@
endef

Build/qsdk-ipq-factory-nand = $(call kiln_qsdk_image,ubi $@)
Build/qsdk-ipq-factory-nor = $(call kiln_qsdk_image,hlos $(IMAGE_KERNEL) rootfs $(IMAGE_ROOTFS))

# --- vendor formats ----------------------------------------------------------------------------------

# A vendor tool run on the file (1: its options before the file names), its output replacing it.
define kiln_tool_in_out
	$(kiln_host_bin)/$(1) $@ $@.new
	mv $@.new $@
endef

Build/buffalo-dhp-image = $(call kiln_tool_in_out,mkdhpimg)
Build/iptime-crc32 = $(call kiln_tool_in_out,iptime-crc32 $(1))
Build/iptime-naspkg = $(call kiln_tool_in_out,iptime-naspkg $(1))

# 1: product, 2: version, then buffalo-enc options.
define Build/buffalo-enc
	$(kiln_host_bin)/buffalo-enc \
		-p $(word 1,$(1)) -v $(word 2,$(1)) $(wordlist 3,$(words $(1)),$(1)) \
		-i $@ -o $@.new
	mv $@.new $@
endef

define Build/buffalo-enc-tag
	$(call Build/buffalo-enc,'' '' -S 152 $(1))
endef

# 1: product, 2: region, 3: language.
define Build/buffalo-tag-dhp
	$(kiln_host_bin)/buffalo-tag \
		-d 0x01000000 -w 1 \
		-a $(BUFFALO_TAG_PLATFORM) \
		-v $(BUFFALO_TAG_VERSION) -m $(BUFFALO_TAG_MINOR) \
		-b $(word 1,$(1)) -p $(word 1,$(1)) \
		-r $(word 2,$(1)) -r $(word 2,$(1)) -l $(word 3,$(1)) \
		-I $@ -o $@.new
	mv $@.new $@
endef

# 1: magic, 2: root file system file, 3: a file to append; with no arguments the file is the kernel.
define Build/buffalo-trx
	$(if $(word 2,$(1)),touch $(word 2,$(1)))
	$(kiln_host_bin)/otrx create $@.new \
		$(if $(word 1,$(1)),-M $(word 1,$(1)),) \
		-f $(if $(1),$(IMAGE_KERNEL),$@) \
		$(if $(word 2,$(1)),\
			-a 0x20000 \
			-b $$(( $(call exp_units,$(if $(KERNEL_SIZE),$(KERNEL_SIZE),0x400000)) )) \
			-f $(word 2,$(1)),) \
		$(if $(word 3,$(1)),\
			-A $(word 3,$(1)) \
			-a 0x20000)
	mv $@.new $@
endef

# A D-Link AI recovery image header: 1: start string, 2: firmware version, 3: block start,
# 4: block length, 5: device FMID; each 16-bit sum folds its carries back in.
define Build/dlink-ai-recovery-header
	echo -en "$(word 1,$(1))\x00\x00" > "$@.header"
	od -v -w2 -tu2 -An --endian little "$@" | awk '{ s+=$$1; } END { s%=65535; printf "%c%c",s%256,s/256; }' >> "$@.header"
	echo -en "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00" >> "$@.header"
	echo -en "$(word 2,$(1))" >> "$@.header"
	echo -en "$(word 3,$(1))$(word 4,$(1))$(word 3,$(1))$(word 4,$(1))" >> "$@.header"
	echo -en "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" >> "$@.header"
	echo -en "\x42\x48\x02\x00\x00\x00\x08\x00\x00\x00\x00\x00" >> "$@.header"
	echo -en "$(word 5,$(1))" >> "$@.header"
	od -v -w2 -tu2 -An --endian little "$@.header" | awk '{s+=65535-$$1;}END{s%=65535;printf "%c%c",s%256,s/256;}' >> "$@.header"
	cat "$@.header" "$@" > "$@.new"
	mv "$@.new" "$@"
	rm "$@.header"
endef

define Build/dlink-sge-image
	$(kiln_host_bin)/dlink-sge-image $(1) $@ $@.enc
	mv $@.enc $@
endef

define Build/edimax-header
	$(kiln_host_bin)/mkedimaximg -i $@ -o $@.new $(1)
	@mv $@.new $@
endef

# 1: product, 2: the file to put the header on (default the image).
define Build/elecom-product-header
	-( \
		echo -n -e "ELECOM\x00\x00$(word 1,$(1))" | dd bs=40 count=1 conv=sync; \
		echo -n "0.00" | dd bs=16 count=1 conv=sync; \
		dd if=$(call kiln_elecom_file,$(1)); \
	) > $(call kiln_elecom_file,$(1)).new \
	&& mv $(call kiln_elecom_file,$(1)).new $(call kiln_elecom_file,$(1)) || rm -f $(call kiln_elecom_file,$(1))
endef
kiln_elecom_file = $(if $(word 2,$(1)),$(word 2,$(1)),$@)

# 1: product, 2: version, 3: mkhash option.
define Build/elecom-wrc-gs-factory
	$(MKHASH) md5 $(word 3,$(1)) $@ >> $@
	( \
		echo -n "ELECOM $(word 1,$(1)) v$(word 2,$(1))" | \
			dd bs=32 count=1 conv=sync; \
		dd if=$@; \
	) > $@.new
	mv $@.new $@
endef

# 1: hardware id (8 hex digits), 2: xor pattern.
define Build/elx-header
	( \
		echo -ne "\x00\x00\x00\x00\x00\x00\x00\x03" | \
			dd bs=42 count=1 conv=sync; \
		hw_id="$(word 1,$(1))"; \
		echo -ne "\x$${hw_id:0:2}\x$${hw_id:2:2}\x$${hw_id:4:2}\x$${hw_id:6:2}" | \
			dd bs=20 count=1 conv=sync; \
		echo -ne "$$(printf '%08x' $$(stat -c%s $@) | fold -s2 | xargs -I {} echo \\x{} | tr -d '\n')" | \
			dd bs=8 count=1 conv=sync; \
		echo -ne "$$($(MKHASH) md5 $@ | fold -s2 | xargs -I {} echo \\x{} | tr -d '\n')" | \
			dd bs=58 count=1 conv=sync; \
	) > $(KDIR)/tmp/$(DEVICE_NAME).header
	-$(call Build/xor-image,-p $(word 2,$(1)) -x) \
	&& cat $(KDIR)/tmp/$(DEVICE_NAME).header $@ > $@.new \
	&& mv $@.new $@ \
	&& rm -rf $(KDIR)/tmp/$(DEVICE_NAME).header
endef

define Build/eva-image
	$(kiln_host_bin)/lzma2eva $(KERNEL_LOADADDR) $(KERNEL_LOADADDR) $@ $@.new
	mv $@.new $@
endef

# A Linksys trailer: padding to a page, then the header (1: type=NAME, default the device's name).
define Build/linksys-image
	let \
		size="$$(stat -c%s $@)" \
		pad="$(call exp_units,$(PAGESIZE))" \
		offset="256" \
		pad="(pad - ((size + offset) % pad)) % pad"; \
		dd if=/dev/zero bs=$$pad count=1 | tr '\000' '\377' >> $@
	printf ".LINKSYS.01000409%-15s%08X%-8s%-16s" \
		"$(call param_get_default,type,$(1),$(DEVICE_NAME))" \
		"$$(cksum $@ | cut -d ' ' -f1)" \
		"0" "K0000000F0246434" >> $@
	dd if=/dev/zero bs=192 count=1 >> $@
endef

define Build/moxa-encode-fw
	$(TOPDIR)/scripts/moxa-encode-fw.py \
		--input $@ \
		--output $@ \
		--magic $(MOXA_MAGIC) \
		--hwid $(MOXA_HWID) \
		--buildid 00000000
endef

# The distribution's name with blanks as dashes, and the revision's first part. (OpenWrt reads
# the name as a file, which does not exist: the part is empty. It is looked for once per reading.)
kiln_netgear_version = $(kiln_netgear_dist).$(firstword $(subst -, ,$(REVISION)))
kiln_netgear_dist = $(eval kiln_netgear_dist := $$(shell cat $$(VERSION_DIST) 2>/dev/null | sed -e 's/[[:space:]]/-/g'))$(kiln_netgear_dist)

define Build/netgear-chk
	$(kiln_host_bin)/mkchkimg \
		-o $@.new \
		-k $@ \
		-b $(NETGEAR_BOARD_ID) \
		$(if $(NETGEAR_REGION),-r $(NETGEAR_REGION),)
	mv $@.new $@
endef

define Build/netgear-dni
	$(kiln_host_bin)/mkdniimg \
		-B $(NETGEAR_BOARD_ID) -v $(kiln_netgear_version) \
		$(if $(NETGEAR_HW_ID),-H $(NETGEAR_HW_ID)) \
		-r "$(1)" \
		-i $@ -o $@.new
	mv $@.new $@
endef

define Build/netgear-encrypted-factory
	$(TOPDIR)/scripts/netgear-encrypted-factory.py \
		--input-file $@ \
		--output-file $@ \
		--model $(NETGEAR_ENC_MODEL) \
		--region $(NETGEAR_ENC_REGION) \
		$(if $(NETGEAR_ENC_HW_ID_LIST),--hw-id-list "$(NETGEAR_ENC_HW_ID_LIST)") \
		$(if $(NETGEAR_ENC_MODEL_LIST),--model-list "$(NETGEAR_ENC_MODEL_LIST)") \
		--version V1.0.0.0.$(kiln_netgear_version) \
		--encryption-block-size 0x20000 \
		--openssl-bin "$(STAGING_DIR_HOST)/bin/openssl" \
		--key 6865392d342b4d212964363d6d7e7765312c7132613364316e26322a5a5e2538 \
		--iv 4a253169516c38243d6c6d2d3b384145
endef

# An OpenMesh combined image: ce_type=, kernel= and rootfs= parameters (defaults: the device).
kiln_om_type = $(call param_get_default,ce_type,$(1),$(DEVICE_NAME))
kiln_om_kernel = $(call param_get_default,kernel,$(1),$(IMAGE_KERNEL))
kiln_om_rootfs = $(call param_get_default,rootfs,$(1),$@)

define Build/openmesh-image
	$(TOPDIR)/scripts/om-fwupgradecfg-gen.sh \
		"$(kiln_om_type)" \
		"$@-fwupgrade.cfg" \
		"$(kiln_om_kernel)" \
		"$(kiln_om_rootfs)"
	$(TOPDIR)/scripts/combined-ext-image.sh \
		"$(kiln_om_type)" "$@" \
		"$@-fwupgrade.cfg" "fwupgrade.cfg" \
		"$(kiln_om_kernel)" "kernel" \
		"$(kiln_om_rootfs)" "rootfs"
endef

define Build/seama
	$(kiln_host_bin)/seama -i $@ \
		-m "dev=/dev/mtdblock/$(SEAMA_MTDBLOCK)" -m "type=firmware"
	mv $@.seama $@
endef

define Build/seama-seal
	$(kiln_host_bin)/seama -i $@ -s $@.seama \
		-m "signature=$(SEAMA_SIGNATURE)"
	mv $@.seama $@
endef

define Build/senao-header
	-$(kiln_host_bin)/mksenaofw $(1) -e $@ -o $@.new \
	&& mv $@.new $@ || rm -f $@
endef

# 1: sysupgrade or factory, then more tplink-safeloader options.
define Build/tplink-safeloader
	-$(kiln_host_bin)/tplink-safeloader \
		-B $(TPLINK_BOARD_ID) \
		-V $(REVISION) \
		-k $(IMAGE_KERNEL) \
		-r $@ \
		-o $@.new \
		-j \
		$(call kiln_rest,$(1)) \
		$(if $(findstring sysupgrade,$(word 1,$(1))),-S) && mv $@.new $@ || rm -f $@
endef

define Build/tplink-v1-header
	$(kiln_host_bin)/mktplinkfw \
		-c -H $(TPLINK_HWID) -W $(TPLINK_HWREV) -L $(KERNEL_LOADADDR) \
		-E $(kiln_entry) \
		-m $(TPLINK_HEADER_VERSION) -N "$(VERSION_DIST)" -V $(REVISION) \
		-k $@ -o $@.new $(1)
	@mv $@.new $@
endef

# Kernel and root file system in a TP-Link v1 image: 1: sysupgrade or factory, then more options.
define Build/tplink-v1-image
	-$(kiln_host_bin)/mktplinkfw \
		-H $(TPLINK_HWID) -W $(TPLINK_HWREV) -F $(TPLINK_FLASHLAYOUT) \
		-N "$(VERSION_DIST)" -V $(REVISION) -m $(TPLINK_HEADER_VERSION) \
		-k $(IMAGE_KERNEL) -r $(IMAGE_ROOTFS) -o $@.new -j -X 0x40000 \
		-a $(call rootfs_align,$(FILESYSTEM)) \
		$(call kiln_rest,$(1)) \
		$(if $(findstring sysupgrade,$(word 1,$(1))),-s) && mv $@.new $@ || rm -f $@
endef

define Build/tplink-v2-header
	-$(kiln_host_bin)/mktplinkfw2 \
		-c -H $(TPLINK_HWID) -W $(TPLINK_HWREV) -L $(KERNEL_LOADADDR) \
		-E $(kiln_entry)  \
		-w $(TPLINK_HWREVADD) -F "$(TPLINK_FLASHLAYOUT)" \
		-T $(TPLINK_HVERSION) -V "ver. 2.0" \
		-k $@ -o $@.new $(1) \
	&& mv $@.new $@ || rm -f $@
endef

define Build/tplink-v2-image
	-$(kiln_host_bin)/mktplinkfw2 \
		-H $(TPLINK_HWID) -W $(TPLINK_HWREV) \
		-w $(TPLINK_HWREVADD) -F "$(TPLINK_FLASHLAYOUT)" \
		-T $(TPLINK_HVERSION) -V "ver. 2.0" -a 0x4 -j \
		-k $(IMAGE_KERNEL) -r $(IMAGE_ROOTFS) -o $@.new $(1) \
	&& cat $@.new >> $@ && rm -rf $@.new || rm -f $@
endef

define Build/xor-image
	-$(kiln_host_bin)/xorimage -i $@ -o $@.xor $(1) \
	&& mv $@.xor $@ || rm -f $@
endef

define Build/zyimage
	$(kiln_host_bin)/zyimage $(1) $@
endef

define Build/zyxel-ras-image
	let \
		newsize="$(call exp_units,$(RAS_ROOTFS_SIZE))"; \
		$(kiln_host_bin)/mkrasimage \
			-b $(RAS_BOARD) \
			-v $(RAS_VERSION) \
			-r $@ \
			-s $$newsize \
			-o $@.new \
			$(if $(findstring separate-kernel,$(word 1,$(1))),-k $(IMAGE_KERNEL)) \
		&& mv $@.new $@
endef
