using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Kiln.Core.Files;
using Kiln.Make.Evaluation;
using Kiln.Make.Inputs;

namespace Kiln.Packages.Scanning.Cache;

/// <summary>
/// The binary form of a scan cache: a header with the key and the variable names its evaluations looked up and did not
/// find, then one record per Makefile: its directory, the physical directory it was evaluated in, its result
/// and its inputs, both prefixed by their length in bytes, so that opening the file decodes neither: each is decoded
/// by the thread that first needs it. The file ends with the SHA-256 of all before it, checked when it is read, so that
/// a damaged file is ignored whole instead of failing when a record is decoded.
/// </summary>
internal static class ScanCacheFile
{
    private const string Magic = "kiln-scan-cache";
    private const int FormatVersion = 7;

    /// <summary>Replaces <paramref name="file"/> whole (<see cref="AtomicFile"/>).</summary>
    /// <returns>The SHA-256 the file ends with.</returns>
    public static byte[] Write(string file, string key, IEnumerable<ulong> missing, IEnumerable<CachedScan> entries)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true)) WriteBody(writer, key, missing, entries);
        var digest = SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length));
        body.Write(digest);
        AtomicFile.Write(file, body.GetBuffer().AsSpan(0, (int)body.Length));
        return digest;
    }

    private static void WriteBody(BinaryWriter writer, string key, IEnumerable<ulong> missing, IEnumerable<CachedScan> entries)
    {
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(key);
        EnvironmentKey.Write(writer, EnvironmentKey.Sorted(missing));
        var list = entries.ToList();
        writer.Write(list.Count);
        foreach (var entry in list)
        {
            writer.Write(entry.Directory);
            writer.Write(entry.WorkingDirectory);
            WriteLengthPrefixed(writer, entry.EncodedScan.IsEmpty ? EncodeScan(entry.Scan) : entry.EncodedScan);
            WriteLengthPrefixed(writer, entry.EncodedInputs.IsEmpty ? RecordedInputCodec.Encode(entry.Inputs!) : entry.EncodedInputs);
        }
    }

    /// <summary>
    /// The entries of the file, the SHA-256 it ends with and the names looked up and not found; or nothing if it is
    /// missing, unreadable, damaged, written for another key, or if <paramref name="environment"/> has one of those names.
    /// </summary>
    public static (List<CachedScan> Entries, byte[]? Digest, ulong[] Missing) Read(string file, string key,
        IReadOnlyDictionary<string, string> environment)
    {
        try
        {
            var bytes = File.ReadAllBytes(file);
            var bodyLength = bytes.Length - SHA256.HashSizeInBytes;
            if (bodyLength < 0 || !SHA256.HashData(bytes.AsSpan(0, bodyLength)).AsSpan().SequenceEqual(bytes.AsSpan(bodyLength))) return Nothing;
            var stream = new MemoryStream(bytes, 0, bodyLength, writable: false);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion || reader.ReadString() != key) return Nothing;
            var missing = EnvironmentKey.Read(reader);
            if (!EnvironmentKey.StillMissing(missing, environment)) return Nothing;
            var count = reader.ReadInt32();
            var entries = new List<CachedScan>(count);
            ReadOnlyMemory<byte> LengthPrefixed()
            {
                var length = reader.ReadInt32();
                if (length < 0 || stream.Position + length > bodyLength) throw new InvalidDataException("damaged record");
                var part = bytes.AsMemory((int)stream.Position, length);
                stream.Position += length;
                return part;
            }
            for (var i = 0; i < count; i++)
            {
                var (directory, workingDirectory) = (reader.ReadString(), reader.ReadString());
                var scan = LengthPrefixed();
                entries.Add(new CachedScan(directory, workingDirectory, scan, LengthPrefixed()));
            }
            return (entries, bytes[bodyLength..], missing);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException or FormatException)
        {
            return Nothing;
        }
    }

    private static (List<CachedScan>, byte[]?, ulong[]) Nothing => ([], null, []);

    /// <summary>Whether two results are the same, field for field (as the cache would keep them).</summary>
    public static bool SameResult(MakefileScan a, MakefileScan b) => EncodeScan(a).AsSpan().SequenceEqual(EncodeScan(b));

    private static byte[] EncodeScan(MakefileScan scan)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) WriteScan(writer, scan);
        return buffer.ToArray();
    }

    /// <summary>A result as <see cref="Write"/> encoded it (the file it came from was checked whole when read).</summary>
    public static MakefileScan DecodeScan(ReadOnlyMemory<byte> encoded)
    {
        var part = MemoryMarshal.TryGetArray(encoded, out var segment) ? segment : new ArraySegment<byte>(encoded.ToArray());
        using var reader = new BinaryReader(new MemoryStream(part.Array!, part.Offset, part.Count, writable: false), Encoding.UTF8);
        return ReadScan(reader);
    }

    private static void WriteLengthPrefixed(BinaryWriter writer, ReadOnlyMemory<byte> bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes.Span);
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

    private static MakefileScan ReadScan(BinaryReader reader)
    {
        var (makefile, output, diagnostics, error) = (reader.ReadString(), reader.ReadString(), reader.ReadString(), ReadOptional(reader));
        var variables = ReadPairs(reader);
        var hostBuild = reader.ReadBoolean();
        var packages = new PackageFacts[reader.ReadInt32()];
        for (var i = 0; i < packages.Length; i++)
        {
            var name = reader.ReadString();
            var fields = ReadPairs(reader);
            var hooks = new string[reader.ReadInt32()];
            for (var j = 0; j < hooks.Length; j++) hooks[j] = reader.ReadString();
            packages[i] = new PackageFacts(name, fields, hooks);
        }
        return new MakefileScan(makefile, output, diagnostics, error, new MakefileFacts(variables, hostBuild, packages));
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

    private static KeyValuePair<string, string>[] ReadPairs(BinaryReader reader)
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

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
