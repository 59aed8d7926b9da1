using System.Security.Cryptography;
using Kiln.Core.Errors;

namespace Kiln.Packages.Scanning.Cache;

/// <summary>
/// Where the records of one scan cache file are read from: the file's bytes when it was read whole, else the file itself,
/// one record at a time, so that a build of a few packages does not read the results of thousands.
/// </summary>
internal sealed class CacheRecords(string file, byte[]? whole)
{
    private byte[]? _whole = whole;

    public string File => file;

    /// <summary>
    /// Reads the whole file once, for a caller about to use most records (writing the cache back, decoding every result).
    /// A file replaced since its header was read fails every record's check, as a damaged one would.
    /// </summary>
    public void ReadAll()
    {
        if (Volatile.Read(ref _whole) is not null) return;
        try
        {
            Volatile.Write(ref _whole, System.IO.File.ReadAllBytes(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Each record is then read alone, and one that cannot be is damaged.
        }
    }

    /// <summary>A record's result and inputs; null when they cannot be read or are not what the header's SHA-256 says.</summary>
    public (ReadOnlyMemory<byte> Scan, ReadOnlyMemory<byte> Inputs)? Load(long offset, int scanLength, int inputsLength, byte[] hash)
    {
        var length = scanLength + inputsLength;
        ReadOnlyMemory<byte> bytes;
        if (Volatile.Read(ref _whole) is { } whole)
        {
            if (offset + length > whole.Length) return null;
            bytes = whole.AsMemory((int)offset, length);
        }
        else
        {
            try
            {
                using var stream = ScanCacheFile.OpenForRecords(file);
                stream.Position = offset;
                var buffer = new byte[length];
                stream.ReadExactly(buffer);
                bytes = buffer;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        var (scan, inputs) = (bytes[..scanLength], bytes[scanLength..]);
        return Hash(scan.Span, inputs.Span).AsSpan().SequenceEqual(hash) ? (scan, inputs) : null;
    }

    public static byte[] Hash(ReadOnlySpan<byte> scan, ReadOnlySpan<byte> inputs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(scan);
        hash.AppendData(inputs);
        return hash.GetHashAndReset();
    }

    /// <summary>What a record that cannot be read any more is reported as, where its result is taken on trust.</summary>
    public UserError Unreadable() =>
        new($"{file}: a record changed or was damaged while Kiln read it (another kiln at work on this tree?): run the command again");
}

/// <summary>One record of a cache file, read and checked when first used (by whichever thread needs it).</summary>
internal sealed class CacheRecord(CacheRecords file, long offset, int scanLength, int inputsLength, byte[] hash)
{
    private readonly Lazy<(ReadOnlyMemory<byte> Scan, ReadOnlyMemory<byte> Inputs)?> _bytes =
        new(() => file.Load(offset, scanLength, inputsLength, hash));

    public CacheRecords File => file;

    /// <summary>The record's bytes, or null when it cannot be read or is damaged.</summary>
    public (ReadOnlyMemory<byte> Scan, ReadOnlyMemory<byte> Inputs)? Bytes => _bytes.Value;
}
