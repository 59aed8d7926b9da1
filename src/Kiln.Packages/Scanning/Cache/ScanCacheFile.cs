using System.Text;
using Kiln.Core.Files;
using Kiln.Make.Evaluation;
using Kiln.Make.Inputs;
using Kiln.OpenWrt.Scanning;

namespace Kiln.Packages.Scanning.Cache;

/// <summary>
/// The binary form of a scan cache: a header with the key, the variable names its evaluations looked up and did not find,
/// and for each Makefile its directory, the physical directory it was evaluated in, the length of its result and of its
/// inputs and their digest (<see cref="CacheDigest"/>), and the listings of the directories the last walk read (<see cref="WalkMemory"/>); the
/// header's own digest; then the records (each result and its inputs). A build of a few
/// packages reads the header and only the records it uses (<see cref="CacheRecords"/>), each checked against its
/// digest when read: a damaged record is set aside alone, a damaged header sets the file aside whole.
/// </summary>
internal static class ScanCacheFile
{
    private const string Magic = "kiln-scan-cache";
    private const int FormatVersion = 11;

    /// <summary>Replaces <paramref name="file"/> whole (<see cref="AtomicFile"/>).</summary>
    /// <returns>The digest of the header, which names this state of the file (the header holds every record's digest).</returns>
    public static byte[] Write(string file, string key, IEnumerable<ulong> missing, IEnumerable<CachedScan> entries,
        IReadOnlyDictionary<string, DirectoryListing> walk)
    {
        var records = entries.Select(e => (Entry: e, Encoded: e.Encoded ?? (EncodeScan(e.Scan), RecordedInputCodec.Encode(e.Inputs!)))).ToList();
        using var header = new MemoryStream();
        using (var writer = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(key);
            EnvironmentKey.Write(writer, EnvironmentKey.Sorted(missing));
            writer.Write(records.Count);
            foreach (var (entry, (scan, inputs)) in records)
            {
                writer.Write(entry.Directory);
                writer.Write(entry.WorkingDirectory);
                writer.Write(scan.Length);
                writer.Write(inputs.Length);
                writer.Write(CacheRecords.Hash(scan.Span, inputs.Span));
            }
            writer.Write(walk.Count);
            foreach (var (directory, listing) in walk.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.Write(directory);
                listing.Stamp.Write(writer);
                writer.Write(listing.HasMakefile);
                writer.Write(listing.Subdirectories.Count);
                foreach (var name in listing.Subdirectories) writer.Write(name);
            }
        }
        var digest = CacheDigest.Of(header.GetBuffer().AsSpan(0, (int)header.Length));
        using var whole = new MemoryStream();
        using (var writer = new BinaryWriter(whole, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write((int)header.Length);
            writer.Write(header.GetBuffer().AsSpan(0, (int)header.Length));
            writer.Write(digest);
            foreach (var (_, (scan, inputs)) in records)
            {
                writer.Write(scan.Span);
                writer.Write(inputs.Span);
            }
        }
        AtomicFile.Write(file, whole.GetBuffer().AsSpan(0, (int)whole.Length));
        return digest;
    }

    /// <summary>
    /// The entries of the file, the digest of its header and the names looked up and not found; or nothing if it is
    /// missing, unreadable, damaged, written for another key, or if <paramref name="environment"/> has one of those names.
    /// The records are checked when first used (<see cref="CacheRecord"/>).
    /// </summary>
    /// <returns>With the walk's listings still encoded (<see cref="ReadWalk"/>): only a scan that walks needs them.</returns>
    public static (List<CachedScan> Entries, byte[]? Digest, ulong[] Missing, ReadOnlyMemory<byte> Walk) Read(string file, string key,
        IReadOnlyDictionary<string, string> environment)
    {
        if (MappedFile.Map(file) is not { } bytes) return Nothing;
        try
        {
            var reader = new RecordReader(bytes.Span);
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion) return Nothing;
            var headerLength = reader.ReadInt32();
            var headerStart = reader.Position;
            var bodyStart = (long)headerStart + headerLength + CacheDigest.Size;
            if (headerLength < 0 || bodyStart > bytes.Length) return Nothing;
            var header = bytes.Span.Slice(headerStart, headerLength);
            var digest = bytes.Span.Slice(headerStart + headerLength, CacheDigest.Size).ToArray();
            if (!CacheDigest.Of(header).AsSpan().SequenceEqual(digest)) return Nothing;
            reader = new RecordReader(header);
            if (reader.ReadString() != key) return Nothing;
            var missing = EnvironmentKey.Read(ref reader);
            if (!EnvironmentKey.StillMissing(missing, environment)) return Nothing;
            var records = new CacheRecords(file, bytes);
            var count = reader.ReadInt32();
            var entries = new List<CachedScan>(count);
            var offset = bodyStart;
            for (var i = 0; i < count; i++)
            {
                var (directory, workingDirectory, scanLength, inputsLength) = (reader.ReadString(), reader.ReadString(), reader.ReadInt32(), reader.ReadInt32());
                if (scanLength < 0 || inputsLength < 0) return Nothing;
                entries.Add(new CachedScan(directory, workingDirectory, new CacheRecord(records, offset, scanLength, inputsLength, reader.ReadBytes(CacheDigest.Size))));
                offset += scanLength + inputsLength;
            }
            return (entries, digest, missing, bytes.Slice(headerStart + reader.Position, headerLength - reader.Position));
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            return Nothing;
        }
    }

    /// <summary>The walk's listings <see cref="Read"/> left encoded (in the header its digest checked); none if they are damaged.</summary>
    public static Dictionary<string, DirectoryListing> ReadWalk(ReadOnlyMemory<byte> encoded)
    {
        var walk = new Dictionary<string, DirectoryListing>(StringComparer.Ordinal);
        try
        {
            var reader = new RecordReader(encoded.Span);
            for (var listings = reader.ReadInt32(); listings > 0; listings--)
            {
                var (directory, stamp, hasMakefile) = (reader.ReadString(), FileStamp.Read(ref reader), reader.ReadBoolean());
                var subdirectories = new string[reader.ReadInt32()];
                for (var i = 0; i < subdirectories.Length; i++) subdirectories[i] = reader.ReadString();
                walk[directory] = new DirectoryListing(stamp, hasMakefile, subdirectories);
            }
            return walk;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or OverflowException)
        {
            return [];
        }
    }

    private static (List<CachedScan>, byte[]?, ulong[], ReadOnlyMemory<byte>) Nothing => ([], null, [], default);

    /// <summary>Whether two results are the same, field for field (as the cache would keep them).</summary>
    public static bool SameResult(MakefileScan a, MakefileScan b) => EncodeScan(a).AsSpan().SequenceEqual(EncodeScan(b));

    internal static byte[] EncodeScan(MakefileScan scan)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) WriteScan(writer, scan);
        return buffer.ToArray();
    }

    /// <summary>
    /// A result as <see cref="Write"/> encoded it (its record was checked against its digest when read); its text and
    /// facts are left encoded for <see cref="MakefileScan"/> to decode when asked for.
    /// </summary>
    public static MakefileScan DecodeScan(ReadOnlyMemory<byte> encoded)
    {
        var reader = new RecordReader(encoded.Span);
        var makefile = reader.ReadString();
        var outputLength = reader.ReadStringBytes().Length;
        var output = encoded.Slice(reader.Position - outputLength, outputLength);
        var (diagnostics, error) = (reader.ReadString(), ReadOptional(ref reader));
        return new MakefileScan(makefile, output, diagnostics, error, encoded[reader.Position..]);
    }

    /// <summary>The facts of a result, as <see cref="DecodeScan"/> left them.</summary>
    internal static MakefileFacts DecodeFacts(ReadOnlyMemory<byte> encoded)
    {
        var reader = new RecordReader(encoded.Span);
        var variables = ReadPairs(ref reader);
        var hostBuild = reader.ReadBoolean();
        var packages = new PackageFacts[reader.ReadInt32()];
        for (var i = 0; i < packages.Length; i++)
        {
            var name = reader.ReadString();
            var fields = ReadPairs(ref reader);
            var hooks = new string[reader.ReadInt32()];
            for (var j = 0; j < hooks.Length; j++) hooks[j] = reader.ReadString();
            packages[i] = new PackageFacts(name, fields, hooks);
        }
        return new MakefileFacts(variables, hostBuild, packages);
    }

    private static void WriteScan(BinaryWriter writer, MakefileScan scan)
    {
        writer.Write(scan.SourceMakefile);
        writer.Write(scan.Output);
        writer.Write(scan.Diagnostics);
        WriteOptional(writer, scan.Error);
        WritePairs(writer, scan.Facts.SourceVariables);
        writer.Write(scan.Facts.HostBuild);
        writer.Write(scan.Facts.Packages.Count);
        foreach (var package in scan.Facts.Packages)
        {
            writer.Write(package.Name);
            WritePairs(writer, package.Fields);
            writer.Write(package.Hooks.Count);
            foreach (var hook in package.Hooks) writer.Write(hook);
        }
    }

    private static void WritePairs(BinaryWriter writer, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        writer.Write(pairs.Count);
        foreach (var (key, value) in pairs)
        {
            writer.Write(key);
            writer.Write(value);
        }
    }

    private static KeyValuePair<string, string>[] ReadPairs(ref RecordReader reader)
    {
        var pairs = new KeyValuePair<string, string>[reader.ReadInt32()];
        for (var i = 0; i < pairs.Length; i++) pairs[i] = KeyValuePair.Create(reader.ReadString(), reader.ReadString());
        return pairs;
    }

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null) writer.Write(value);
    }

    private static string? ReadOptional(ref RecordReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
