namespace Kiln.Images.Filesystems;

/// <summary>The compression of a UBIFS image's data (CONFIG_TARGET_UBIFS_COMPRESSION_*).</summary>
public enum UbifsCompression
{
    None,
    Lzo,
    Zlib,
}
