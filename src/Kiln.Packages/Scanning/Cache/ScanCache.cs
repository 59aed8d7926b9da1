using Kiln.Make.Inputs;
using Kiln.OpenWrt.Scanning;

namespace Kiln.Packages.Scanning.Cache;

/// <summary>An earlier evaluation of one Makefile: what it saw, and what it gave.</summary>
public sealed class CachedScan
{
    private readonly CacheRecord? _record;
    private IReadOnlyList<RecordedInput>? _inputs;
    private MakefileScan? _scan;

    public CachedScan(string directory, string workingDirectory, IReadOnlyList<RecordedInput> inputs, MakefileScan scan)
    {
        Directory = directory;
        WorkingDirectory = workingDirectory;
        _inputs = inputs;
        _scan = scan;
    }

    /// <summary>
    /// An entry of a cache file: its record is read, and its result and inputs decoded, when first asked for (by
    /// whichever thread checks or uses it).
    /// </summary>
    internal CachedScan(string directory, string workingDirectory, CacheRecord record)
    {
        Directory = directory;
        WorkingDirectory = workingDirectory;
        _record = record;
    }

    public string Directory { get; }

    /// <summary>
    /// The physical directory the Makefile was evaluated in (its CURDIR). Not among the inputs: the same files reached
    /// through a link made or moved since give the same inputs, but another CURDIR.
    /// </summary>
    public string WorkingDirectory { get; }

    /// <remarks>
    /// Decoding twice on a race is harmless: both give the same immutable result. A result taken on trust whose record
    /// can no longer be read is a <see cref="Kiln.Core.Errors.UserError"/> (one that was checked has been read).
    /// </remarks>
    public MakefileScan Scan => _scan ??= Encoded is { } encoded ? ScanCacheFile.DecodeScan(encoded.Scan) : throw _record!.File.Unreadable();

    /// <summary>Most results that are read are never checked (a build checks only the packages it uses): inputs are decoded on demand.</summary>
    /// <remarks>Null when the cache file's record is damaged: nothing of it can be trusted.</remarks>
    public IReadOnlyList<RecordedInput>? Inputs => _inputs ??= Encoded is { } encoded ? RecordedInputCodec.Decode(encoded.Inputs) : null;

    /// <summary>The first input that no longer holds; null when they all do. Inputs still encoded are checked as they are.</summary>
    /// <exception cref="InvalidDataException">The kept inputs cannot be read.</exception>
    public RecordedInput? FirstChanged(InputCheck check) =>
        _inputs is { } inputs ? check.FirstChanged(inputs)
        : Encoded is { } encoded ? check.FirstChanged(encoded.Inputs)
        : throw new InvalidDataException("a damaged record");

    /// <summary>The record as the cache file holds it (written back as it is); null for a new entry, or a damaged record.</summary>
    internal (ReadOnlyMemory<byte> Scan, ReadOnlyMemory<byte> Inputs)? Encoded => _record?.Bytes;

    /// <summary>Read from a cache file whose record is now found damaged: not to be written back.</summary>
    internal bool Damaged => _record is not null && _record.Bytes is null;
}

/// <summary>
/// The results of a directory's earlier scans, with the inputs each evaluation saw, kept in one
/// file. The file is ignored unless it was written for the same key (same Kiln build, tree,
/// options and what the environment holds for every evaluation, <see cref="EnvironmentKey"/>) and the environment
/// still has none of the names its evaluations looked up and did not find; it is replaced whole, so a failed or
/// concurrent run never leaves it half-written.
/// </summary>
public sealed class ScanCache
{
    private readonly string _file;
    private readonly string _key;
    private readonly Dictionary<string, CachedScan> _entries;

    private readonly HashSet<ulong> _missing;

    private readonly Lazy<WalkMemory> _walk;

    private ScanCache(string file, string key, Dictionary<string, CachedScan> entries, byte[]? digest, HashSet<ulong> missing, ReadOnlyMemory<byte> walk)
    {
        // Decoded when first asked for: a build recalls results without walking.
        _walk = new(() => new WalkMemory(ScanCacheFile.ReadWalk(walk)));
        _file = file;
        _key = key;
        _entries = entries;
        Digest = digest;
        _missing = missing;
    }

    public string FilePath => _file;

    /// <summary>The listings of the directories the last walk of the scanned directory read, and those of this run's walk: kept with the results.</summary>
    public WalkMemory Walk => _walk.Value;

    /// <summary>The digest (<see cref="Kiln.Core.Files.CacheDigest"/>) of the file's header, which names its state (what it was read with, or last written with); null while it has none.</summary>
    public byte[]? Digest { get; private set; }

    /// <param name="environment">The environment the Makefiles are evaluated in.</param>
    public static ScanCache Open(string file, string key, IReadOnlyDictionary<string, string> environment)
    {
        var entries = new Dictionary<string, CachedScan>(StringComparer.Ordinal);
        var (read, digest, missing, walk) = ScanCacheFile.Read(file, key, environment);
        foreach (var entry in read) entries[entry.Directory] = entry;
        return new ScanCache(file, key, entries, digest, [.. missing], walk);
    }

    /// <summary>Adds the names an evaluation looked up and did not find (<see cref="InputLog.Missing"/>) to those kept; safe from any thread.</summary>
    public void NoteMissing(IReadOnlyCollection<ulong> names)
    {
        lock (_missing) _missing.UnionWith(names);
    }

    public CachedScan? Find(string directory) => _entries.GetValueOrDefault(directory);

    public int Count => _entries.Count;

    /// <summary>The entries in the order of their directories, as a scan lists its results.</summary>
    public IReadOnlyList<CachedScan> Entries => _entries.Values.OrderBy(e => e.Directory, StringComparer.Ordinal).ToList();

    /// <summary>Puts a new result in place of a directory's, or takes its result away (null).</summary>
    public void Replace(string directory, CachedScan? entry)
    {
        if (entry is null) _entries.Remove(directory);
        else _entries[directory] = entry;
    }

    /// <summary>
    /// Replaces the file with <paramref name="entries"/> but those whose record is found damaged; a failure is returned as
    /// a message, not thrown.
    /// </summary>
    public string? Save(IEnumerable<CachedScan> entries)
    {
        Digest = null;
        try
        {
            Digest = ScanCacheFile.Write(_file, _key, _missing, entries.Where(e => !e.Damaged), Walk.Listings);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
