using System.IO.Compression;
using Kiln.Packing.Archives;

namespace Kiln.Images.Filesystems;

/// <summary>
/// rootfs.tar.gz as OpenWrt's <c>tar -cp --numeric-owner --owner=0 --group=0 --mode=a-s
/// --sort=name --mtime=@EPOCH -C ROOT . | gzip -9n</c>: Kiln.Packing's reproducible tar of the root,
/// names "./etc/banner", set-user and set-group bits cleared, at gzip's highest level.
/// </summary>
internal static class TarGzWriter
{
    private const UnixFileMode SetIdBits = UnixFileMode.SetUser | UnixFileMode.SetGroup;

    public static void Write(FilesystemBuild build)
    {
        var entries = StagedRoot.List(build.Root);
        var members = new List<TarGz.DiskEntry>(entries.Count);
        foreach (var entry in entries)
        {
            var mode = entry.Mode & ~SetIdBits;
            members.Add(entry.Kind switch
            {
                RootEntryKind.Directory => new TarGz.DiskEntry(entry.RelativePath.Length == 0 ? "./" : $"./{entry.RelativePath}/", mode, null, 0),
                RootEntryKind.Symlink => new TarGz.DiskEntry($"./{entry.RelativePath}", mode, null, 0, entry.LinkTarget),
                _ => new TarGz.DiskEntry($"./{entry.RelativePath}", mode, entry.FullPath, entry.Size),
            });
        }
        using var file = new FileStream(build.Output, FileMode.CreateNew, FileAccess.Write);
        using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize, leaveOpen: true))
            TarGz.Write(members, DateTimeOffset.FromUnixTimeSeconds(build.Options.Epoch), gzip, gzip: false);
        build.Note($"wrote {members.Count} entries");
    }
}
