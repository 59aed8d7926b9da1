using Kiln.Core.Errors;
using Kiln.Core.Files;

namespace Kiln.Images.Filesystems;

/// <summary>
/// The staged root directory an image is made of, listed once: each directory followed by its
/// entries, names in byte order (as <c>tar --sort=name</c> walks), so that every archive Kiln
/// writes itself comes out in one order whatever order the file system returns.
/// </summary>
public static class StagedRoot
{
    /// <summary>A symlink's mode as the kernel reports it: its own bits mean nothing.</summary>
    private const UnixFileMode SymlinkMode = (UnixFileMode)0b111_111_111;

    public static List<RootEntry> List(string root)
    {
        if (!Directory.Exists(root)) throw new UserError($"{root}: the root filesystem's directory does not exist");
        var entries = new List<RootEntry> { new("", RootEntryKind.Directory, Mode(root), root, 0, null) };
        Walk(root, "", entries);
        return entries;
    }

    /// <summary>The bytes the root's files and symlinks hold (not counting blocks or metadata): what at least has to fit.</summary>
    public static long ContentBytes(IReadOnlyList<RootEntry> entries)
    {
        long total = 0;
        foreach (var entry in entries) total += entry.Size;
        return total;
    }

    /// <summary>
    /// The order <see cref="List"/> gives, for two relative paths: byte order with "/" before every
    /// other character, so that a directory's entries follow it and come before "dev-x" after "dev".
    /// </summary>
    public static int CompareWalkOrder(string first, string second)
    {
        var common = Math.Min(first.Length, second.Length);
        for (var i = 0; i < common; i++)
        {
            if (first[i] == second[i]) continue;
            if (first[i] == '/') return -1;
            if (second[i] == '/') return 1;
            return first[i] < second[i] ? -1 : 1;
        }
        return first.Length.CompareTo(second.Length);
    }

    private static void Walk(string directory, string prefix, List<RootEntry> entries)
    {
        var paths = Directory.GetFileSystemEntries(directory);
        Array.Sort(paths, StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var relative = prefix + Path.GetFileName(path);
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                var size = System.Text.Encoding.UTF8.GetByteCount(target);
                entries.Add(new RootEntry(relative, RootEntryKind.Symlink, SymlinkMode, path, size, target));
            }
            else if (Directory.Exists(path))
            {
                entries.Add(new RootEntry(relative, RootEntryKind.Directory, Mode(path), path, 0, null));
                Walk(path, relative + "/", entries);
            }
            else if (FileStatus.IsRegularFile(path))
                entries.Add(new RootEntry(relative, RootEntryKind.File, Mode(path), path, info.Length, null));
            else
                throw new UserError($"{path}: a device, FIFO or socket in the staged root (packages install only files, directories and symlinks; " +
                    "the image makes /dev/console itself)");
        }
    }

    /// <summary>The permission bits of a file or directory (images are made on Linux; elsewhere an ordinary file's).</summary>
    private static UnixFileMode Mode(string path) => OperatingSystem.IsWindows() ? (UnixFileMode)0b110_100_100 : File.GetUnixFileMode(path);
}
