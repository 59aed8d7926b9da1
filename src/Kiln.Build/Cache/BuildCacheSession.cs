using System.Collections.Concurrent;
using System.Reflection;
using Kiln.Build.Stamps;

namespace Kiln.Build.Cache;

/// <summary>
/// One build's use of the build cache: the keys steps are stored under, restoring a step's
/// outputs, the uploads queued as steps finish, and what the build summary says of it.
/// </summary>
public sealed class BuildCacheSession : IDisposable
{
    /// <summary>Changes whenever what is stored under a key changes meaning (the outputs recorded, their layout).</summary>
    private const string KeyFormat = "kiln-build-cache 1";

    private readonly ConcurrentDictionary<string, byte> _corruptBlobs = new(StringComparer.Ordinal);
    private readonly CacheUploads? _uploads;
    private int _restoredSteps;

    /// <param name="toolVersion">Kiln's own version: a different Kiln may build differently, so it never shares entries.</param>
    public BuildCacheSession(IBuildCache cache, bool writable, string? toolVersion = null)
    {
        Cache = cache;
        ToolVersion = toolVersion ?? typeof(BuildCacheSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? "unknown";
        if (writable) _uploads = new CacheUploads(cache, blob => _corruptBlobs.ContainsKey(blob));
    }

    public IBuildCache Cache { get; }

    public string ToolVersion { get; }

    /// <summary>Whether finished steps are stored (cache-mode = readwrite).</summary>
    public bool Writable => _uploads is not null;

    /// <summary>Held while a host build installs into staging_dir/host, so that what changed there is that build's alone.</summary>
    public Lock HostInstalls { get; } = new();

    public int RestoredSteps => Volatile.Read(ref _restoredSteps);

    public int UploadedRecords => _uploads?.Records ?? 0;

    /// <summary>
    /// The key of a package build's outputs: what the build reads (its portable prepare digest), which build it is, and the
    /// keys of the builds it needs (so a changed dependency misses its dependents too), with Kiln's version.
    /// </summary>
    public string NodeKey(string node, string portableInputs, IEnumerable<string> dependencyKeys) =>
        StepInputs.Hash(string.Join('\n', [KeyFormat, ToolVersion, node, portableInputs, .. dependencyKeys.Order(StringComparer.Ordinal)]));

    /// <summary>The action key of one step of a build: the build's key, the step, and what only that step depends on.</summary>
    public static string StepKey(string nodeKey, string step, string detail) => StepInputs.Hash(string.Join('\n', nodeKey, step, detail));

    /// <summary>
    /// The outputs of every step key written under <paramref name="root"/>, or, when one of them misses, nothing written and why.
    /// </summary>
    /// <param name="clear">Takes away what the outputs replace, once everything is downloaded.</param>
    public CacheMiss? TryRestore(IReadOnlyList<(string Step, string Key)> steps, string root, Action clear)
    {
        // Blobs wait here, inside the tree, until all of them are in.
        var scratch = Path.Combine(root, "tmp", "kiln-cache", steps[0].Key[..16]);
        var records = new List<ActionRecord>();
        foreach (var (step, key) in steps)
        {
            if (Cache.TryGetAction(key, out var miss) is not { } record)
                return miss! with { Reason = $"{step} (ac/{key[..12]}): {miss}" };
            records.Add(record);
        }
        var blobMiss = OutputRestore.Restore(Cache, records, root, scratch, clear, out var missingBlob);
        if (blobMiss is null)
        {
            Interlocked.Add(ref _restoredSteps, steps.Count);
            return null;
        }
        // Uploaded again once built here, though the cache has a blob of that name.
        if (blobMiss.Kind == MissKind.Corrupt) _corruptBlobs.TryAdd(missingBlob!, 0);
        return blobMiss;
    }

    /// <summary>What a record says of itself: the build and step it holds the outputs of (for people reading a cache).</summary>
    public static IReadOnlyDictionary<string, string> Describe(string node, string step) =>
        new Dictionary<string, string> { ["node"] = node, ["step"] = step };

    /// <summary>Queues a finished step's outputs for upload (nothing when the cache is read-only).</summary>
    public void Store(string key, CapturedOutputs outputs) => _uploads?.Add(key, outputs);

    /// <summary>
    /// Waits for the queued uploads (at most <paramref name="limit"/>), keeps a cache directory within its size, and says
    /// what the cache did.
    /// </summary>
    public CacheReport Finish(string location, TimeSpan limit)
    {
        var problems = new List<string>();
        if (_uploads is not null)
        {
            var finished = _uploads.Finish(limit);
            problems.AddRange(_uploads.Failures.Distinct(StringComparer.Ordinal));
            if (!finished) problems.Add($"uploads still going after {limit.TotalSeconds:0} s were abandoned");
            if (Cache is DirectoryBuildCache { SizeLimit: not null } directory) directory.Collect();
        }
        return new CacheReport(location, RestoredSteps, UploadedRecords, Cache.Statistics, problems);
    }

    public void Dispose() => Cache.Dispose();
}
