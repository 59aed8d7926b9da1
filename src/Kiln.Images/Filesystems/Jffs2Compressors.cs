namespace Kiln.Images.Filesystems;

/// <summary>The JFFS2 compressors the target's kernel has (CONFIG_JFFS2_RTIME, _ZLIB, _LZMA, _LZO): an image may use only these.</summary>
[Flags]
public enum Jffs2Compressors
{
    None = 0,
    Rtime = 1,
    Zlib = 2,
    Lzma = 4,
    Lzo = 8,
}
