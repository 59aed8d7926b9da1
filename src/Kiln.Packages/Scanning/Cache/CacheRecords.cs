using Kiln.Core.Errors;
using Kiln.Core.Files;

namespace Kiln.Packages.Scanning.Cache;

/// <summary>
/// The records of one scan cache file, where the file is mapped (<see cref="MappedFile"/>): a build of a few packages
/// reads only the pages of the records it uses, a scan reads them all without copying them.
/// </summary>
internal sealed class CacheRecords(string file, ReadOnlyMemory<byte> bytes)
{
    public string File => file;

    /// <summary>A record's result and inputs; null when they lie outside the file or are not what the header's digest says.</summary>
    public (ReadOnlyMemory<byte> Scan, ReadOnlyMemory<byte> Inputs)? Load(long offset, int scanLength, int inputsLength, byte[] hash)
    {
        if (offset + scanLength + inputsLength > bytes.Length) return null;
        var (scan, inputs) = (bytes.Slice((int)offset, scanLength), bytes.Slice((int)offset + scanLength, inputsLength));
        return Hash(scan.Span, inputs.Span).AsSpan().SequenceEqual(hash) ? (scan, inputs) : null;
    }

    public static byte[] Hash(ReadOnlySpan<byte> scan, ReadOnlySpan<byte> inputs) => CacheDigest.Of(scan, inputs);

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
