using System.CommandLine;
using Kiln.Core.Errors;
using Kiln.Packages.Scanning;
using Kiln.Pipeline.ImageBuilder;
using Kiln.Targets.Scanning;

namespace Kiln.Cli.Commands;

/// <summary>Options every command accepts.</summary>
public static class GlobalOptions
{
    public static readonly Option<string> TopDir = new("--topdir")
    {
        Description = "The OpenWrt-style tree to work on (default: the current directory).",
        HelpName = "TREE",
        Recursive = true,
        DefaultValueFactory = _ => ".",
    };

    public static readonly Option<bool> NoCache = new("--no-cache")
    {
        Description = "Evaluate every Makefile, ignoring (and not writing) the results kept in TREE/tmp/kiln.",
        Recursive = true,
    };

    /// <summary>What an OpenWrt-style tree has at least one of (or Kiln's Image Builder, its marker).</summary>
    private static readonly string[] TreeMarkers =
        ["package", "target", "feeds.conf", "feeds.conf.default", "rules.mk", "include", ImageBuilderDirectory.MarkerName];

    /// <summary>
    /// The tree the command line names, which must be a directory: no command creates a tree, or
    /// writes into one that is not there.
    /// </summary>
    public static string Tree(ParseResult result)
    {
        var topDir = result.GetValue(TopDir)!;
        if (!Directory.Exists(topDir))
            throw new UserError(File.Exists(topDir) ? $"{topDir}: is a file, not a tree (--topdir)" : $"{topDir}: no such directory (--topdir)");
        if (!TreeMarkers.Any(marker => Path.Exists(Path.Combine(topDir, marker))))
            throw new UserError($"{topDir}: not an OpenWrt-style tree or Image Builder (it has none of {string.Join(", ", TreeMarkers)}; --topdir names the tree)");
        return topDir;
    }

    /// <summary>A scan of <paramref name="directory"/> in the tree the command line names, with its cache unless --no-cache.</summary>
    public static ScanOptions Scan(ParseResult result, string directory) =>
        new(Tree(result), directory) { CacheDirectory = CacheDirectory(result) };

    /// <summary>A scan of the tree's targets, with its cache unless --no-cache.</summary>
    public static TargetScanOptions TargetScan(ParseResult result) => new(Tree(result)) { CacheDirectory = CacheDirectory(result) };

    /// <summary>Where scans keep their results between runs: the tree's tmp/kiln, or null with --no-cache.</summary>
    public static string? CacheDirectory(ParseResult result) => result.GetValue(NoCache) ? null : Path.Combine(Tree(result), "tmp", "kiln");
}
