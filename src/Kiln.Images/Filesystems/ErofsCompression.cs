namespace Kiln.Images.Filesystems;

/// <summary>The compression of an EROFS image's data.</summary>
public enum ErofsCompression
{
    None,
    Lz4,

    /// <summary>lz4 at its highest level: slower to make, same speed to read.</summary>
    Lz4hc,
}
