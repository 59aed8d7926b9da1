using System.CommandLine;
using Kiln.Packages.Scanning;

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

    /// <summary>A scan of <paramref name="directory"/> in the tree the command line names, with its cache unless --no-cache.</summary>
    public static ScanOptions Scan(ParseResult result, string directory)
    {
        var topDir = result.GetValue(TopDir)!;
        return new ScanOptions(topDir, directory)
        {
            CacheDirectory = result.GetValue(NoCache) ? null : Path.Combine(topDir, "tmp", "kiln"),
        };
    }
}
