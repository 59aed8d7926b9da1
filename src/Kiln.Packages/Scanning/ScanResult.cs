using Kiln.OpenWrt.Scanning;

namespace Kiln.Packages.Scanning;

/// <summary>
/// A whole scan, in the order of the Makefiles' paths. <see cref="FindTime"/> is the time spent
/// walking the directories, which overlaps <see cref="Duration"/>, the whole scan's.
/// </summary>
public sealed record ScanResult(IReadOnlyList<MakefileScan> Makefiles, TimeSpan FindTime, TimeSpan Duration)
{
    /// <summary>How many results came from the cache, their inputs unchanged.</summary>
    public int Reused { get; init; }

    /// <summary>Why each Makefile whose kept result was not used was evaluated again: the first input that changed.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>Why the cache could not be written, if it could not.</summary>
    public string? CacheProblem { get; init; }

    public IEnumerable<MakefileScan> Failures => Makefiles.Where(m => m.Failed);
}

/// <summary>
/// The results a scanner recalled from its cache (<see cref="MetadataScanner.Recall"/>): the directories that have one, in
/// order, and the cache file with the digest it has now (null when it could not be written), which names that state.
/// </summary>
public sealed record RecalledScans(IReadOnlyList<string> Directories, string CacheFile, byte[]? Digest);
