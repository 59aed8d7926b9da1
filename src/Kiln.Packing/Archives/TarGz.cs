using System.Buffers;
using System.Formats.Tar;
using System.IO.Compression;
using Kiln.Core.Errors;
using Kiln.Core.Files;

namespace Kiln.Packing.Archives;

/// <summary>
/// Reproducible gzip'd tars, as OpenWrt's ipkg-build makes them (GNU format, numeric owner 0,
/// names sorted the way <c>tar --sort=name</c> walks a directory, one modification time for
/// every entry, no name or time in the gzip header): the same files give the same bytes.
/// A directory is listed and sorted first, then each file is copied from disk into the output,
/// so that a root filesystem is never held in memory.
/// </summary>
public static partial class TarGz
{
    /// <summary>An entry to write: a file's bytes, a directory (null bytes, no link) or a symlink.</summary>
    public sealed record Entry(string Name, UnixFileMode Mode, byte[]? Bytes, string? LinkTarget = null);

    /// <summary>
    /// An entry of a directory on disk, listed without reading it: a file's <paramref name="Size"/>
    /// bytes stay at <paramref name="Path"/> until written; a directory or a symlink has no path.
    /// </summary>
    public sealed record DiskEntry(string Name, UnixFileMode Mode, string? Path, long Size, string? LinkTarget = null);

    /// <summary>
    /// A directory's contents, the directory itself first (named <paramref name="top"/>: "./", or
    /// "NAME/" as <c>tar -c NAME</c> names it), each directory followed by its entries in byte order of their names.
    /// </summary>
    public static List<DiskEntry> List(string root, string top = "./")
    {
        var entries = new List<DiskEntry> { new(top, Mode(root), null, 0) };
        Walk(root, top, entries);
        return entries;
    }

    /// <summary>What <see cref="List"/> gives, with every file read into memory: for small trees only.</summary>
    public static List<Entry> FromDirectory(string root) =>
        List(root).Select(e => new Entry(e.Name, e.Mode, e.Path is null ? null : ReadAll(e), e.LinkTarget)).ToList();

    private static void Walk(string directory, string prefix, List<DiskEntry> entries)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var name = prefix + Path.GetFileName(path);
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target) entries.Add(new DiskEntry(name, (UnixFileMode)0b111_111_111, null, 0, target));
            else if (Directory.Exists(path))
            {
                entries.Add(new DiskEntry(name + "/", Mode(path), null, 0));
                Walk(path, name + "/", entries);
            }
            else if (IsRegular(path)) entries.Add(new DiskEntry(name, Mode(path), path, info.Length));
            else throw new UserError($"{path}: not a file, directory or link (a package holds nothing else)");
        }
    }

    /// <summary>A regular file (not a FIFO, socket or device, which reading would block on or misread).</summary>
    private static bool IsRegular(string path) => FileStatus.IsRegularFile(path);

    private static UnixFileMode Mode(string path) => OperatingSystem.IsWindows() ? (UnixFileMode)0b110_100_100 : File.GetUnixFileMode(path);

    private static byte[] ReadAll(DiskEntry entry)
    {
        var bytes = new byte[entry.Size];
        using (var content = Content.Of(entry)) content.CopyTo(new MemoryStream(bytes));
        return bytes;
    }

    /// <summary>The entries as a .tar.gz, every entry owned by 0:0 and dated <paramref name="time"/>.</summary>
    public static byte[] Write(IEnumerable<Entry> entries, DateTimeOffset time)
    {
        using var output = new MemoryStream();
        Write(entries, time, output);
        return output.ToArray();
    }

    /// <summary>The entries as a .tar.gz (or a plain .tar without <paramref name="gzip"/>) written to <paramref name="output"/>, which stays
    /// open.</summary>
    public static void Write(IEnumerable<Entry> entries, DateTimeOffset time, Stream output, bool gzip = true) =>
        Write(entries.Select(e => new Member(e.Name, e.Mode, e.LinkTarget, e.Bytes is null ? null : () => Content.Of(e))), time, output, gzip);

    /// <summary>
    /// Listed entries as a .tar.gz (or a plain .tar) written to <paramref name="output"/>, which
    /// stays open; each file is copied from disk as its turn comes. A file that cannot be read or
    /// is no longer the size it was listed with stops with a message naming it.
    /// </summary>
    public static void Write(IEnumerable<DiskEntry> entries, DateTimeOffset time, Stream output, bool gzip = true) =>
        Write(entries.Select(e => new Member(e.Name, e.Mode, e.LinkTarget, e.Path is null ? null : () => Content.Of(e))), time, output, gzip);

    /// <summary>An entry about to be written; a file's content is opened only when it is written.</summary>
    private readonly record struct Member(string Name, UnixFileMode Mode, string? LinkTarget, Func<Content>? Open);

    private static void Write(IEnumerable<Member> entries, DateTimeOffset time, Stream output, bool gzip)
    {
        // gzip's default level, as ipkg-build compresses its members.
        using var compressed = gzip ? new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true) : null;
        using var tar = new TarWriter(compressed ?? output, TarEntryFormat.Gnu, leaveOpen: true);
        foreach (var entry in entries)
        {
            var type = entry.LinkTarget is not null ? TarEntryType.SymbolicLink : entry.Open is null ? TarEntryType.Directory
                : TarEntryType.RegularFile;
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
            using var content = entry.Open?.Invoke();
            if (content is not null) header.DataStream = content;
            tar.WriteEntry(header);
        }
    }

    /// <summary>
    /// A file's content as listed, from disk or memory: exactly its listed size, since the tar
    /// header, written before the content, takes its size from <see cref="Length"/>. A file that
    /// grew or shrank since it was listed, or cannot be read, stops with a message naming it.
    /// </summary>
    private sealed class Content : Stream
    {
        /// <summary>
        /// What the tar writer hands gzip at a time. Deflate's output depends on how its input is
        /// split into writes, so every content goes in whole blocks of this size, whatever sizes
        /// the reads come back in; a file of up to one block goes in one write, as it always did.
        /// Changing it changes archives of larger files: bump IpkPackager.Identity with it.
        /// </summary>
        private const int BlockSize = 1 << 20;

        private readonly Stream _source;
        private readonly string _what;
        private long _read;

        private Content(Stream source, string what, long length)
        {
            _source = source;
            _what = what;
            Length = length;
        }

        public static Content Of(Entry entry) => new(new MemoryStream(entry.Bytes!, writable: false), entry.Name, entry.Bytes!.Length);

        public static Content Of(DiskEntry entry)
        {
            try
            {
                // Unbuffered: reads come in whole blocks, straight into the caller's buffer.
                return new Content(new FileStream(entry.Path!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0,
                    FileOptions.SequentialScan), entry.Path!, entry.Size);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Unreadable(entry.Path!, e);
            }
        }

        public override void CopyTo(Stream destination, int bufferSize)
        {
            var block = ArrayPool<byte>.Shared.Rent((int)Math.Min(BlockSize, Math.Max(Length, 1)));
            try
            {
                for (long left; (left = Length - _read) > 0;)
                {
                    var count = (int)Math.Min(left, BlockSize);
                    ReadExactly(block, 0, count);
                    destination.Write(block, 0, count);
                }
                CheckEnd();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block);
            }
        }

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty) return 0;
            if (_read == Length)
            {
                CheckEnd();
                return 0;
            }
            var read = FromSource(buffer[..(int)Math.Min(buffer.Length, Length - _read)]);
            if (read == 0) throw Changed();
            _read += read;
            return read;
        }

        /// <summary>At the listed end: one byte more means the file grew.</summary>
        private void CheckEnd()
        {
            if (FromSource(stackalloc byte[1]) > 0) throw Changed();
        }

        private int FromSource(Span<byte> buffer)
        {
            try
            {
                return _source.Read(buffer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Unreadable(_what, e);
            }
        }

        private UserError Changed() =>
            new($"{_what}: changed size while being archived ({Length} bytes when listed, {_source.Length} now)");

        private static UserError Unreadable(string path, Exception e) =>
            new(e is FileNotFoundException or DirectoryNotFoundException
                ? $"{path}: disappeared while the directory was being archived"
                : $"{path}: cannot be read ({e.Message})");

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override bool CanRead => true;

        // Seekable for TarWriter, which then writes the header with Length - Position as the size
        // before the content (else it needs a seekable output to go back to the header).
        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length { get; }

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _source.Dispose();
            base.Dispose(disposing);
        }
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
