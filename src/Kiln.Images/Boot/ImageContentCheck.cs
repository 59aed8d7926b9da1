using System.IO.Compression;
using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Core.Processes;

namespace Kiln.Images.Boot;

/// <summary>
/// Checks a squashfs or ext4 root file system image without booting it: unpacked with Debian's
/// own readers (<c>unsquashfs</c>, <c>debugfs rdump</c>), it must hold exactly the staged root —
/// the same paths, kinds, permissions, contents and link targets — plus, in a squashfs, the
/// /dev/console OpenWrt adds. Debian's kernels keep squashfs and disk drivers as modules, so
/// these images are checked this way while the initramfs image is booted.
/// </summary>
public static class ImageContentCheck
{
    /// <returns>The differences (empty when the image holds the root).</returns>
    public static IReadOnlyList<string> Compare(string image, string filesystem, string stagedRoot)
    {
        var work = Directory.CreateTempSubdirectory("kiln-image-check-").FullName;
        try
        {
            // The readers take the image as it is, read-only; only a gzip'd one is unpacked first.
            var plain = image;
            if (image.EndsWith(".gz", StringComparison.Ordinal))
            {
                plain = Path.Combine(work, "image");
                using var input = new GZipStream(File.OpenRead(image), CompressionMode.Decompress);
                using var output = File.Create(plain);
                input.CopyTo(output);
            }
            var unpacked = Path.Combine(work, "root");
            switch (filesystem)
            {
                case "squashfs":
                    new HostProgram("unsquashfs", "squashfs-tools").Run(["-no-progress", "-quiet", "-d", unpacked, plain]).EnsureSucceeded();
                    break;
                case "ext4":
                    Directory.CreateDirectory(unpacked);
                    new HostProgram("debugfs", "e2fsprogs").Run(["-R", $"rdump / {unpacked}", plain]).EnsureSucceeded();
                    Directory.Delete(Path.Combine(unpacked, "lost+found"));
                    break;
                default:
                    throw new UserError($"{image}: checking {filesystem} images by their contents is not supported");
            }
            var expected = Describe(stagedRoot);
            var found = Describe(unpacked);
            if (filesystem == "squashfs")
            {
                expected.TryAdd("dev", "directory 755");
                expected.TryAdd("dev/console", "character device 600");
            }
            var differences = new List<string>();
            foreach (var (path, what) in expected)
                if (!found.TryGetValue(path, out var there)) differences.Add($"/{path}: missing ({what} in the staged root)");
                else if (there != what) differences.Add($"/{path}: {there} in the image, {what} in the staged root");
            foreach (var path in found.Keys)
                if (!expected.ContainsKey(path)) differences.Add($"/{path}: in the image, not in the staged root");
            differences.Sort(StringComparer.Ordinal);
            return differences;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Each path below the root and what it is (kind, permissions, content hash or link target).</summary>
    private static SortedDictionary<string, string> Describe(string root)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var info in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions
                 { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false }))
        {
            var path = Path.GetRelativePath(root, info.FullName);
            var mode = Convert.ToString((int)info.UnixFileMode, 8);
            entries[path] = info.LinkTarget is { } target ? "link to " + target
                : info is DirectoryInfo ? "directory " + mode
                // Never opened: reading an unpacked /dev/console would read the machine's console.
                : !FileStatus.IsRegularFile(info.FullName) ? "character device " + mode
                : $"file {mode} {FileHash.Sha256(info.FullName)}";
        }
        return entries;
    }
}
