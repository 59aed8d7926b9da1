using Kiln.OpenWrt.Scanning;

namespace Kiln.Packages.Scanning;

/// <summary>What a metadata scan reads: the tree, the directory in it, and the make variables OpenWrt's scan passes.</summary>
public sealed record ScanOptions(string TopDirectory, string ScanDirectory)
{
    /// <summary>
    /// FEED="..." for every Makefile; null passes what OpenWrt's scan.mk passes: the feed of a
    /// Makefile below feeds/NAME/ of the scanned directory (package/feeds/NAME/ installs), else empty.
    /// </summary>
    public string? Feed { get; init; }

    /// <summary>Extra command-line assignments for every Makefile (TARGET_BUILD=1 for targets).</summary>
    public IReadOnlyList<string> ExtraVariables { get; init; } = [];

    public int MaxDepth { get; init; } = 5;

    public IReadOnlyList<string> Calls { get; init; } = MakefileFinder.PackageCalls;

    public TimeSpan ShellTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the evaluations add what their parts cost, or null to measure nothing.</summary>
    public Kiln.Make.Evaluation.EvaluationProfile? Profile { get; init; }

    /// <summary>The environment the Makefiles see (TOPDIR is added); null means this process's.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>What the Makefiles read as $(TOPDIR)/.config instead of the tree's file (null: the file).</summary>
    public Kiln.OpenWrt.Configuration.DotConfig? Config { get; init; }

    /// <summary>Where results are kept between runs (the tree's tmp/kiln), or null to evaluate every Makefile.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Who sees the evaluations of the Makefiles it wants (those are evaluated, never taken from the cache), or null.</summary>
    public IMakefileInspector? Inspector { get; init; }

    /// <summary>How many Makefiles are evaluated at once; 0 means one per processor.</summary>
    public int Parallelism { get; init; }
}
