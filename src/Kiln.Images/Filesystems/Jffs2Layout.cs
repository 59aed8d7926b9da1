namespace Kiln.Images.Filesystems;

/// <summary>How a JFFS2 image is laid out for its flash.</summary>
internal enum Jffs2Layout
{
    /// <summary>NOR flash: clean markers, padded to the erase block, the end-of-filesystem marker after it.</summary>
    Nor,

    /// <summary>NOR flash, no padding and no marker: the "-raw" image sysupgrade appends to.</summary>
    NorRaw,

    /// <summary>NAND flash: no clean markers (NAND keeps them out of band), data nodes of the page size, padded and marked.</summary>
    Nand,
}
