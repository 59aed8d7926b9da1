namespace Kiln.Images.Rootfs;

/// <summary>How a root filesystem is assembled.</summary>
/// <param name="Epoch">SOURCE_DATE_EPOCH in seconds: every file's time, opkg's Installed-Time, what scripts see.</param>
public sealed record RootfsOptions(long Epoch)
{
    /// <summary>Where the maintainer scripts' output goes (replaced on each install); none when null.</summary>
    public string? LogPath { get; init; }

    /// <summary>
    /// Keep opkg's "user" flag in the Status of requested packages ("install user installed"), as
    /// Image Builder's images have it; a full OpenWrt build's rootfs.mk rewrites it to "ok".
    /// </summary>
    public bool KeepUserFlag { get; init; }

    /// <summary>
    /// Image Builder's <c>FILES=</c>: a directory whose contents are copied over the root once the packages are
    /// installed, before their postinsts run (rootfs.mk's prepare_rootfs); none when null.
    /// </summary>
    public string? FilesOverlay { get; init; }
}
