namespace Kiln.Targets.Scanning;

/// <summary>What a target scan reads: the tree's target/linux (or another directory of boards).</summary>
public sealed record TargetScanOptions(string TopDirectory)
{
    public string ScanDirectory { get; init; } = "target/linux";

    /// <summary>OpenWrt's scan looks three levels deep for board Makefiles.</summary>
    public int MaxDepth { get; init; } = 3;

    public TimeSpan ShellTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the evaluations add what their parts cost, or null to measure nothing.</summary>
    public Kiln.Make.Evaluation.EvaluationProfile? Profile { get; init; }

    /// <summary>The environment the Makefiles see (TOPDIR is added); null means this process's.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>What the Makefiles read as $(TOPDIR)/.config instead of the tree's file (null: the file).</summary>
    public Kiln.OpenWrt.Configuration.DotConfig? Config { get; init; }

    /// <summary>Read only this board (its directory's name under the scanned directory); null reads them all.</summary>
    public string? OnlyBoard { get; init; }

    /// <summary>With <see cref="OnlyBoard"/>: read only this subtarget of it (the board's own block is read too).</summary>
    public string? OnlySubtarget { get; init; }

    /// <summary>
    /// Leave out the devices that cannot be read instead of failing their board (OpenWrt's scan
    /// fails it): for reading one target's devices, which reports them itself.
    /// </summary>
    public bool SkipFailingDevices { get; init; }

    /// <summary>Where board results are kept between runs (the tree's tmp/kiln), or null to read every board.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>How many boards are read at once; 0 means one per processor.</summary>
    public int Parallelism { get; init; }
}
