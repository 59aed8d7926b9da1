using System.Globalization;
using Kiln.Core.Errors;
using Kiln.Images.Filesystems;
using Kiln.Images.Recipes;
using Kiln.OpenWrt.Configuration;

namespace Kiln.Images.Firmware;

/// <summary>
/// The file system options of one image build, read once from the .config (CONFIG_TARGET_*) and
/// the board's image Makefile (LINUX_KARCH, UBIFS_OPTS, UBINIZE_OPTS), and the kind of each name
/// TARGET_FILESYSTEMS lists (squashfs, ext4, jffs2-64k, jffs2-nand-2048-128k, ubifs, erofs).
/// </summary>
public sealed class FilesystemSettings
{
    private readonly FilesystemOptions _base;

    private FilesystemSettings(FilesystemOptions options) => _base = options;

    /// <param name="name">What the images are of (it seeds their UUIDs).</param>
    public static FilesystemSettings From(DotConfig config, ImageMakefile makefile, string name, long epoch)
    {
        int Number(string symbol, int fallback) =>
            config.Text(symbol) is { Length: > 0 } text
                ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
                    : throw new UserError($"CONFIG_{symbol}={text} in the .config is not a number")
                : fallback;
        return new FilesystemSettings(new FilesystemOptions
        {
            Name = name,
            Epoch = epoch,
            SquashfsBlockSizeKiB = Number("TARGET_SQUASHFS_BLOCK_SIZE", 256),
            SquashfsXz = config.IsEnabled("SQUASHFS_XZ") || config.Value("SQUASHFS_XZ") is null && !config.IsEnabled("SQUASHFS_GZIP"),
            KernelArch = makefile.Value("LINUX_KARCH"),
            Ext4BlockSize = Number("TARGET_EXT4_BLOCKSIZE", 4096),
            Ext4ReservedPercent = Number("TARGET_EXT4_RESERVED_PCT", 0),
            Ext4Journal = config.IsEnabled("TARGET_EXT4_JOURNAL"),
            RootfsPartitionMiB = Number("TARGET_ROOTFS_PARTSIZE", 104),
            BigEndian = config.IsEnabled("BIG_ENDIAN"),
            UbifsOptions = makefile.Value("UBIFS_OPTS"),
            UbifsJournalSize = config.Text("TARGET_UBIFS_JOURNAL_SIZE") ?? "",
            UbifsFreeSpaceFixup = config.IsEnabled("TARGET_UBIFS_FREE_SPACE_FIXUP"),
            UbifsCompression = config.IsEnabled("TARGET_UBIFS_COMPRESSION_NONE") ? UbifsCompression.None
                : config.IsEnabled("TARGET_UBIFS_COMPRESSION_LZO") ? UbifsCompression.Lzo : UbifsCompression.Zlib,
            UbinizeOptions = makefile.Value("UBINIZE_OPTS"),
        });
    }

    /// <summary>The kind of a TARGET_FILESYSTEMS name.</summary>
    public static FilesystemKind Kind(string filesystem) => filesystem switch
    {
        "squashfs" => FilesystemKind.Squashfs,
        "ext4" => FilesystemKind.Ext4,
        "ubifs" => FilesystemKind.Ubifs,
        "erofs" => FilesystemKind.Erofs,
        _ when filesystem.StartsWith("jffs2-nand-", StringComparison.Ordinal) => FilesystemKind.Jffs2Nand,
        _ when filesystem.StartsWith("jffs2-", StringComparison.Ordinal) && filesystem.EndsWith("-raw", StringComparison.Ordinal)
            => FilesystemKind.Jffs2Raw,
        _ when filesystem.StartsWith("jffs2-", StringComparison.Ordinal) => FilesystemKind.Jffs2,
        _ => throw new UserError($"TARGET_FILESYSTEMS names '{filesystem}', a file system Kiln cannot make"),
    };

    /// <summary>The options for one image (a jffs2 name carries its erase block and NAND page size).</summary>
    public FilesystemOptions For(string filesystem)
    {
        if (!filesystem.StartsWith("jffs2-", StringComparison.Ordinal)) return _base;
        var sizes = filesystem["jffs2-".Length..].Replace("nand-", "", StringComparison.Ordinal).Replace("-raw", "", StringComparison.Ordinal)
            .Split('-');
        return _base with
        {
            Jffs2EraseBlockKiB = Kibibytes(sizes[^1], filesystem),
            NandPageSize = sizes.Length > 1 ? int.Parse(sizes[0], CultureInfo.InvariantCulture) : _base.NandPageSize,
        };
    }

    public long PartitionBytes => _base.RootfsPartitionBytes;

    private static int Kibibytes(string size, string filesystem) =>
        size.EndsWith('k') && int.TryParse(size[..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib) ? kib
            : throw new UserError($"TARGET_FILESYSTEMS names '{filesystem}': '{size}' is not an erase block size such as 64k");
}
