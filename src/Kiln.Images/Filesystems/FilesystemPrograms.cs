using Kiln.Core.Processes;

namespace Kiln.Images.Filesystems;

/// <summary>The host programs that make filesystem images, and the Debian packages that provide them.</summary>
internal static class FilesystemPrograms
{
    public static readonly HostProgram Mksquashfs = new("mksquashfs", "squashfs-tools");
    public static readonly HostProgram Mke2fs = new("mke2fs", "e2fsprogs");
    public static readonly HostProgram Debugfs = new("debugfs", "e2fsprogs");
    public static readonly HostProgram MkfsJffs2 = new("mkfs.jffs2", "mtd-utils");
    public static readonly HostProgram MkfsUbifs = new("mkfs.ubifs", "mtd-utils");
    public static readonly HostProgram Ubinize = new("ubinize", "mtd-utils");
    public static readonly HostProgram MkfsErofs = new("mkfs.erofs", "erofs-utils");
}
