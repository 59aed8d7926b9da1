using Kiln.Core.Errors;

namespace Kiln.Images.Filesystems;

/// <summary>
/// Everything the .config and the target decide about a root filesystem image, typed. The
/// defaults are those of OpenWrt's config/Config-images.in and image.mk.
/// </summary>
public sealed record FilesystemOptions
{
    private const long MiB = 1024 * 1024;

    /// <summary>
    /// What the image is of (such as "openwrt-x86-64-rootfs"): with <see cref="Epoch"/> it seeds the
    /// filesystem UUIDs, so that the same build gives the same UUIDs and different images different ones.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>SOURCE_DATE_EPOCH in seconds: the time of every file and of the filesystem itself.</summary>
    public required long Epoch { get; init; }

    /// <summary>CONFIG_TARGET_SQUASHFS_BLOCK_SIZE, in KiB.</summary>
    public int SquashfsBlockSizeKiB { get; init; } = 256;

    /// <summary>CONFIG_SQUASHFS_XZ: xz rather than gzip.</summary>
    public bool SquashfsXz { get; init; } = true;

    /// <summary>LINUX_KARCH (arm, x86, mips, ...): xz's branch filter for this architecture's code, when it has one.</summary>
    public string KernelArch { get; init; } = "";

    /// <summary>CONFIG_TARGET_EXT4_BLOCKSIZE: 1024, 2048 or 4096.</summary>
    public int Ext4BlockSize { get; init; } = 4096;

    /// <summary>CONFIG_TARGET_EXT4_RESERVED_PCT: the blocks kept for root, in percent.</summary>
    public int Ext4ReservedPercent { get; init; }

    /// <summary>CONFIG_TARGET_EXT4_JOURNAL.</summary>
    public bool Ext4Journal { get; init; } = true;

    /// <summary>CONFIG_TARGET_ROOTFS_PARTSIZE, in MiB: the size of the ext4 image.</summary>
    public int RootfsPartitionMiB { get; init; } = 104;

    public long RootfsPartitionBytes => RootfsPartitionMiB * MiB;

    /// <summary>The flash erase block size a JFFS2 image is for, in KiB (the 64 of jffs2-64k, the 128 of jffs2-nand-2048-128k).</summary>
    public int Jffs2EraseBlockKiB { get; init; } = 64;

    /// <summary>CONFIG_BIG_ENDIAN: the byte order of a JFFS2 image (UBIFS is always little-endian).</summary>
    public bool BigEndian { get; init; }

    /// <summary>The JFFS2 compressors the kernel has; OpenWrt's generic kernel config has rtime and lzma.</summary>
    public Jffs2Compressors Jffs2Compression { get; init; } = Jffs2Compressors.Rtime | Jffs2Compressors.Lzma;

    /// <summary>The NAND page size a jffs2-nand image is for, in bytes (the 2048 of jffs2-nand-2048-128k).</summary>
    public int NandPageSize { get; init; } = 2048;

    /// <summary>UBIFS_OPTS as the target gives it: the flash geometry, such as "-m 2048 -e 124KiB -c 1024".</summary>
    public string UbifsOptions { get; init; } = "";

    /// <summary>CONFIG_TARGET_UBIFS_COMPRESSION_*.</summary>
    public UbifsCompression UbifsCompression { get; init; } = UbifsCompression.Zlib;

    /// <summary>CONFIG_TARGET_UBIFS_FREE_SPACE_FIXUP.</summary>
    public bool UbifsFreeSpaceFixup { get; init; } = true;

    /// <summary>CONFIG_TARGET_UBIFS_JOURNAL_SIZE (such as "4MiB"), empty for mkfs.ubifs's choice.</summary>
    public string UbifsJournalSize { get; init; } = "";

    /// <summary>
    /// The options of ubinize as the device gives them: the erase block and page size (-p, -m,
    /// as append-ubi passes BLOCKSIZE and PAGESIZE), then UBINIZE_OPTS, such as "-p 128KiB -m 2048".
    /// </summary>
    public string UbinizeOptions { get; init; } = "";

    public ErofsCompression ErofsCompression { get; init; } = ErofsCompression.Lz4hc;

    /// <summary>Stops with a message when a value the image of <paramref name="kind"/> uses is out of its range.</summary>
    public void Validate(FilesystemKind kind)
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new UserError("a filesystem image needs a name (it seeds the filesystem's UUID)");
        // Every format keeps times as unsigned 32-bit seconds (squashfs, cpio, jffs2).
        if (Epoch is < 0 or > uint.MaxValue)
            throw new UserError($"SOURCE_DATE_EPOCH={Epoch} is out of range (0 to {uint.MaxValue} seconds)");
        switch (kind)
        {
            case FilesystemKind.Squashfs when !IsPowerOfTwo(SquashfsBlockSizeKiB) || SquashfsBlockSizeKiB is < 4 or > 1024:
                throw new UserError($"CONFIG_TARGET_SQUASHFS_BLOCK_SIZE={SquashfsBlockSizeKiB} is not one of 4, 8, 16, 32, 64, 128, 256, 512, 1024");
            case FilesystemKind.Ext4 when Ext4BlockSize is not (1024 or 2048 or 4096):
                throw new UserError($"CONFIG_TARGET_EXT4_BLOCKSIZE={Ext4BlockSize} is not 1024, 2048 or 4096");
            case FilesystemKind.Ext4 when Ext4ReservedPercent is < 0 or > 50:
                throw new UserError($"CONFIG_TARGET_EXT4_RESERVED_PCT={Ext4ReservedPercent} is not a percentage from 0 to 50");
            case FilesystemKind.Ext4 when RootfsPartitionMiB <= 0:
                throw new UserError($"CONFIG_TARGET_ROOTFS_PARTSIZE={RootfsPartitionMiB} is not a size in MiB");
            case FilesystemKind.Jffs2 or FilesystemKind.Jffs2Raw or FilesystemKind.Jffs2Nand
                when !IsPowerOfTwo(Jffs2EraseBlockKiB) || Jffs2EraseBlockKiB < 4:
                throw new UserError($"a JFFS2 erase block of {Jffs2EraseBlockKiB} KiB is not a power of two of at least 4 KiB");
            case FilesystemKind.Jffs2Nand when !IsPowerOfTwo(NandPageSize) || NandPageSize < 512:
                throw new UserError($"a NAND page of {NandPageSize} bytes is not a power of two of at least 512");
            case FilesystemKind.Ubifs or FilesystemKind.Ubi when string.IsNullOrWhiteSpace(UbifsOptions):
                throw new UserError("UBIFS_OPTS is empty: the target gives no UBIFS geometry (-m PAGE -e LEB -c COUNT)");
            case FilesystemKind.Ubi when !HasOption(UbinizeOptions, "-p", "--peb-size"):
                throw new UserError($"the ubinize options \"{UbinizeOptions}\" give no erase block size (-p, the device's BLOCKSIZE)");
        }
    }

    private static bool IsPowerOfTwo(int value) => value > 0 && (value & (value - 1)) == 0;

    private static bool HasOption(string options, string shortName, string longName)
    {
        foreach (var word in Words(options))
            if (word == shortName || word.StartsWith(longName, StringComparison.Ordinal)
                || (word.StartsWith(shortName, StringComparison.Ordinal) && !word.StartsWith("--", StringComparison.Ordinal)))
                return true;
        return false;
    }

    /// <summary>An options string split as the shell splits an unquoted make variable.</summary>
    internal static string[] Words(string options) => options.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
