using System.Formats.Tar;
using System.IO.Compression;
using Kiln.Core.Errors;
using Kiln.Core.Files;

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
            else if (IsRegular(path)) entries.Add(new Entry(name, Mode(path), File.ReadAllBytes(path)));
            else throw new UserError($"{path}: not a file, directory or link (a package holds nothing else)");
        }
    }

    /// <summary>A regular file (not a FIFO, socket or device, which reading would block on or misread).</summary>
    private static bool IsRegular(string path) => FileStatus.IsRegularFile(path);

    private static UnixFileMode Mode(string path) => OperatingSystem.IsWindows() ? (UnixFileMode)0b110_100_100 : File.GetUnixFileMode(path);

    /// <summary>The entries as a .tar.gz, every entry owned by 0:0 and dated <paramref name="time"/>.</summary>
    public static byte[] Write(IEnumerable<Entry> entries, DateTimeOffset time)
    {
        using var output = new MemoryStream();
        // gzip's default level, as ipkg-build compresses its members.
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
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
    /// The entries of a .tar.gz, read without writing anything anywhere; a damaged archive (the
    /// gzip trailer's length and checksum are checked too) or an entry that would land outside its
    /// folder (an absolute name, "..", a link out of the tree, a path through a link) stops with a
    /// message naming <paramref name="where"/>.
    /// </summary>
    public static List<Entry> Read(byte[] archive, string where)
    {
        var entries = new List<Entry>();
        var links = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var tarBytes = Gunzip(archive, where);
            using var tar = new TarReader(new MemoryStream(tarBytes, writable: false));
            while (tar.GetNextEntry(copyData: true) is { } entry)
            {
                var name = entry.Name;
                var inside = Inside(name, links, where, name);
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
                        if (!link.StartsWith('/'))
                        {
                            var parent = inside.Contains('/') ? inside[..inside.LastIndexOf('/')] : "";
                            Inside(parent.Length == 0 ? link : parent + "/" + link, links, where, $"link {name} -> {link}");
                        }
                        links.Add(inside);
                        break;
                    case TarEntryType.Directory:
                        break;
                    case TarEntryType.HardLink:
                        throw new UserError($"{where}: hard link {name} (ipk files hold none)");
                    default:
                        throw new UserError($"{where}: {name} is a {entry.EntryType}, which an ipk does not hold");
                }
                entries.Add(new Entry(name, entry.Mode, bytes, link));
            }
        }
        catch (Exception e) when (e is not UserError and not OutOfMemoryException)
        {
            // Whatever a damaged header makes the tar reader throw, the file is what is wrong.
            throw new UserError($"{where}: not a valid gzip'd tar ({e.Message})");
        }
        return entries;
    }

    /// <summary>The whole stream, checked against the gzip trailer (length and CRC, which .NET checks once it reads to the end).</summary>
    private static byte[] Gunzip(byte[] archive, string where)
    {
        if (archive.Length < 18) throw new UserError($"{where}: not a valid gzip'd tar (too short)");
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(archive, writable: false), CompressionMode.Decompress)) gzip.CopyTo(output);
        if (BitConverter.ToUInt32(archive, archive.Length - 4) != (uint)output.Length)
            throw new UserError($"{where}: not a valid gzip'd tar (truncated or damaged: the gzip trailer does not match)");
        return output.ToArray();
    }

    /// <summary>
    /// The name without "." parts, when it stays inside the package and does not pass through a
    /// link the archive made earlier (a link can lead anywhere).
    /// </summary>
    private static string Inside(string name, HashSet<string> links, string where, string what)
    {
        if (name.StartsWith('/')) throw new UserError($"{where}: {what} is an absolute path");
        var parts = new List<string>();
        foreach (var part in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (parts.Count > 0 && links.Contains(string.Join('/', parts)))
                throw new UserError($"{where}: {what} goes through the link {string.Join('/', parts)}");
            if (part == "..")
            {
                if (parts.Count == 0) throw new UserError($"{where}: {what} points outside the package");
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
