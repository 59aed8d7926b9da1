using Kiln.Packages.Scanning;

namespace Kiln.Lint;

/// <summary>What a lint checks: the tree, the package or feed directories in it (none: every package), and whether to read what the build produced.</summary>
public sealed record LintOptions(string TopDirectory, IReadOnlyList<string> Paths, Func<string, ScanOptions> ScanOptionsFor)
{
    /// <summary>Also check the built packages (<c>--built</c>): patches against the source, the .ipk files and their ELF files.</summary>
    public bool Built { get; init; }

    /// <summary>How many packages are checked at once; 0 means one per processor.</summary>
    public int Parallelism { get; init; }
}
