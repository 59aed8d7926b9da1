namespace Kiln.Images.Filesystems;

/// <summary>The root filesystem images and archives OpenWrt makes from a target's staged root (TARGET_FILESYSTEMS and the archives).</summary>
public enum FilesystemKind
{
    /// <summary>root.squashfs: read-only, compressed; the usual root of flash devices.</summary>
    Squashfs,

    /// <summary>root.ext4: a filesystem of the whole root partition (CONFIG_TARGET_ROOTFS_PARTSIZE).</summary>
    Ext4,

    /// <summary>root.jffs2-64k: NOR flash, padded to the erase block and ended with the end-of-filesystem marker.</summary>
    Jffs2,

    /// <summary>root.jffs2-64k-raw: the same filesystem without padding or marker, for sysupgrade to append to.</summary>
    Jffs2Raw,

    /// <summary>root.jffs2-nand-2048-128k: NAND flash: no clean markers, the page size as the data node size.</summary>
    Jffs2Nand,

    /// <summary>root.ubifs: the UBIFS volume image (UBIFS_OPTS gives the flash geometry).</summary>
    Ubifs,

    /// <summary>A UBI image (ubinize) holding the UBIFS image as the "rootfs" volume, as append-ubi makes it.</summary>
    Ubi,

    /// <summary>An EROFS image: read-only, lz4-compressed.</summary>
    Erofs,

    /// <summary>rootfs.cpio.gz: the root as a newc cpio, for initramfs.</summary>
    CpioGz,

    /// <summary>rootfs.tar.gz: the root as a tar, as <c>tar -C ROOT .</c> names it.</summary>
    TarGz,
}
