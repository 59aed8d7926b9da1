using Kiln.OpenWrt.Scanning;

namespace Kiln.Targets.Scanning;

/// <summary>One board's scan: the .targetinfo text of the board, its subtargets and their device profiles, or the error that stopped it.</summary>
public sealed record BoardScan(string SourceMakefile, string Output, string Diagnostics, string? Error)
{
    public bool Failed => Error is not null;

    /// <summary>The block OpenWrt writes for this board: the Source-Makefile line, the output, a blank line.</summary>
    public string Block => MetadataBlock.Text(SourceMakefile, Output);
}

/// <summary>A whole target scan, boards in the order of their paths.</summary>
public sealed record TargetScanResult(IReadOnlyList<BoardScan> Boards, TimeSpan Duration)
{
    /// <summary>How many boards came from the cache, their inputs unchanged.</summary>
    public int Reused { get; init; }

    public IEnumerable<BoardScan> Failures => Boards.Where(b => b.Failed);
}
