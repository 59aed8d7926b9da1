using System.Formats.Tar;
using System.IO.Compression;

namespace Kiln.Packing.Archives;

/// <summary>
/// Reproducible gzip'd tars, as OpenWrt's ipkg-build makes them (GNU format, numeric owner 0,
/// names sorted the way <c>tar --sort=name</c> walks a directory, one modification time for
/// every entry, no name or time in the gzip header): the same files give the same bytes.
/// </summary>
public static class TarGz
{
    /// <summary>An entry to write: a file's bytes, a directory (null bytes, no link) or a symlink.</summary>
    public sealed record Entry(string Name, UnixFileMode Mode, byte[]? Bytes, string? LinkTarget = null);

    /// <summary>A directory's contents, "./" first, each directory followed by its entries in byte order of their names.</summary>
    public static List<Entry> FromDirectory(string root)
    {
        var entries = new List<Entry> { new("./", Mode(root), null) };
        Walk(root, "./", entries);
        return entries;
    }

    private static void Walk(string directory, string prefix, List<Entry> entries)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var name = prefix + Path.GetFileName(path);
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target) entries.Add(new Entry(name, (UnixFileMode)0b111_111_111, null, target));
            else if (Directory.Exists(path))
            {
                entries.Add(new Entry(name + "/", Mode(path), null));
                Walk(path, name + "/", entries);
            }
            else entries.Add(new Entry(name, Mode(path), File.ReadAllBytes(path)));
        }
    }

    private static UnixFileMode Mode(string path) => OperatingSystem.IsWindows() ? (UnixFileMode)0b110_100_100 : File.GetUnixFileMode(path);

    /// <summary>The entries as a .tar.gz, every entry owned by 0:0 and dated <paramref name="time"/>.</summary>
    public static byte[] Write(IEnumerable<Entry> entries, DateTimeOffset time)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                var type = entry.LinkTarget is not null ? TarEntryType.SymbolicLink : entry.Bytes is null ? TarEntryType.Directory : TarEntryType.RegularFile;
                var header = new GnuTarEntry(type, entry.Name)
                {
                    Mode = entry.Mode,
                    Uid = 0,
                    Gid = 0,
                    UserName = "",
                    GroupName = "",
                    // Access and change times stay unset (NUL): opkg's tar reader takes those header
                    // bytes for the POSIX name prefix and would lose every member's name.
                    ModificationTime = time,
                };
                if (entry.LinkTarget is not null) header.LinkName = entry.LinkTarget;
                if (entry.Bytes is not null) header.DataStream = new MemoryStream(entry.Bytes, writable: false);
                tar.WriteEntry(header);
            }
        }
        return output.ToArray();
    }

    /// <summary>
    /// The entries of a .tar.gz, read without writing anything anywhere; a damaged archive or an
    /// entry that would land outside its folder (an absolute name, "..", a link out of the tree)
    /// stops with a message naming <paramref name="where"/>.
    /// </summary>
    public static List<Entry> Read(byte[] archive, string where)
    {
        var entries = new List<Entry>();
        try
        {
            using var gzip = new GZipStream(new MemoryStream(archive, writable: false), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry(copyData: true) is { } entry)
            {
                var name = entry.Name;
                CheckInside(name, where);
                byte[]? bytes = null;
                string? link = null;
                switch (entry.EntryType)
                {
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        using (var data = new MemoryStream())
                        {
                            entry.DataStream?.CopyTo(data);
                            bytes = data.ToArray();
                        }
                        break;
                    case TarEntryType.SymbolicLink:
                        link = entry.LinkName;
                        if (!link.StartsWith('/')) CheckInside(Path.Combine(Path.GetDirectoryName(name.TrimEnd('/')) ?? "", link), where, $"link {name} -> {link}");
                        break;
                    case TarEntryType.Directory:
                        break;
                    case TarEntryType.HardLink:
                        throw new Kiln.Build.BuildError($"{where}: hard link {name} (ipk files hold none)");
                    default:
                        throw new Kiln.Build.BuildError($"{where}: {name} is a {entry.EntryType}, which an ipk does not hold");
                }
                entries.Add(new Entry(name, entry.Mode, bytes, link));
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException)
        {
            throw new Kiln.Build.BuildError($"{where}: not a valid gzip'd tar ({e.Message})");
        }
        return entries;
    }

    private static void CheckInside(string name, string where, string? what = null)
    {
        var depth = 0;
        if (name.StartsWith('/')) throw new Kiln.Build.BuildError($"{where}: {what ?? name} is an absolute path");
        foreach (var part in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            depth += part == ".." ? -1 : 1;
            if (depth < 0) throw new Kiln.Build.BuildError($"{where}: {what ?? name} points outside the package");
        }
    }
}
