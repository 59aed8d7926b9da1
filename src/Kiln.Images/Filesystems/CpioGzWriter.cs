using System.IO.Compression;

namespace Kiln.Images.Filesystems;

/// <summary>
/// rootfs.cpio.gz, the initramfs: the root as a newc cpio (names as <c>find . | cpio -o -H newc</c>
/// gives them: ".", "etc", "etc/banner"), in <see cref="StagedRoot"/>'s order, owned by 0:0 and
/// dated the epoch, with /dev and /dev/console added when the root lacks them (the kernel opens
/// the console before anything could create it), gzip'd at the highest level with no name or
/// time in the header, as <c>gzip -9n</c>.
/// </summary>
internal static class CpioGzWriter
{
    private const int WriteBuffer = 1 << 20;
    private const UnixFileMode DevMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode ConsoleMode = (UnixFileMode)0b110_000_000;
    private const uint ConsoleMajor = 5;
    private const uint ConsoleMinor = 1;

    /// <summary>An entry the image adds to the root's own.</summary>
    private sealed record Added(string RelativePath, bool IsDirectory);

    public static void Write(FilesystemBuild build)
    {
        var entries = StagedRoot.List(build.Root);
        var added = MissingConsole(entries, build);
        var subdirectories = CountSubdirectories(entries, added);
        var time = (uint)build.Options.Epoch;

        using var file = new FileStream(build.Output, FileMode.CreateNew, FileAccess.Write);
        using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var buffered = new BufferedStream(gzip, WriteBuffer))
        {
            var cpio = new NewcWriter(buffered);
            var next = 0;
            foreach (var entry in entries)
            {
                for (; next < added.Count && StagedRoot.CompareWalkOrder(added[next].RelativePath, entry.RelativePath) < 0; next++)
                    WriteAdded(cpio, added[next], time);
                var name = entry.RelativePath.Length == 0 ? "." : entry.RelativePath;
                switch (entry.Kind)
                {
                    case RootEntryKind.Directory:
                        cpio.Directory(name, entry.Mode, 2 + (uint)subdirectories.GetValueOrDefault(entry.RelativePath), time);
                        break;
                    case RootEntryKind.Symlink:
                        cpio.Symlink(name, entry.LinkTarget!, time);
                        break;
                    default:
                        cpio.File(name, entry.Mode, time, entry.FullPath, entry.Size);
                        break;
                }
            }
            for (; next < added.Count; next++) WriteAdded(cpio, added[next], time);
            cpio.Finish();
        }
        build.Note($"wrote {entries.Count + added.Count} entries ({added.Count} added for the console)");
    }

    private static void WriteAdded(NewcWriter cpio, Added entry, uint time)
    {
        if (entry.IsDirectory) cpio.Directory(entry.RelativePath, DevMode, 2, time);
        else cpio.CharacterDevice(entry.RelativePath, ConsoleMode, ConsoleMajor, ConsoleMinor, time);
    }

    /// <summary>/dev and /dev/console, those of them the root lacks, in walk order.</summary>
    private static List<Added> MissingConsole(List<RootEntry> entries, FilesystemBuild build)
    {
        RootEntry? dev = null;
        var hasConsole = false;
        foreach (var entry in entries)
        {
            if (entry.RelativePath == "dev") dev = entry;
            else if (entry.RelativePath == "dev/console") hasConsole = true;
        }
        if (dev is null) return [new Added("dev", IsDirectory: true), new Added("dev/console", IsDirectory: false)];
        if (dev.Kind != RootEntryKind.Directory)
        {
            build.Note("the root's /dev is no directory: no /dev/console added");
            return [];
        }
        return hasConsole ? [] : [new Added("dev/console", IsDirectory: false)];
    }

    /// <summary>How many directories each directory holds: a directory's link count is two (its name and ".") plus one per "..".</summary>
    private static Dictionary<string, int> CountSubdirectories(List<RootEntry> entries, List<Added> added)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
            if (entry.Kind == RootEntryKind.Directory && entry.RelativePath.Length > 0) Count(counts, entry.RelativePath);
        foreach (var entry in added)
            if (entry.IsDirectory) Count(counts, entry.RelativePath);
        return counts;
    }

    private static void Count(Dictionary<string, int> counts, string directory)
    {
        var slash = directory.LastIndexOf('/');
        var parent = slash < 0 ? "" : directory[..slash];
        counts[parent] = counts.GetValueOrDefault(parent) + 1;
    }
}
