using System.CommandLine;
using Kiln.Core.Errors;
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

    /// <summary>
    /// The tree the command line names, which must be a directory: no command creates a tree, or
    /// writes into one that is not there.
    /// </summary>
    public static string Tree(ParseResult result)
    {
        var topDir = result.GetValue(TopDir)!;
        if (Directory.Exists(topDir)) return topDir;
        throw new UserError(File.Exists(topDir) ? $"{topDir}: is a file, not a tree (--topdir)" : $"{topDir}: no such directory (--topdir)");
    }

    /// <summary>A scan of <paramref name="directory"/> in the tree the command line names, with its cache unless --no-cache.</summary>
    public static ScanOptions Scan(ParseResult result, string directory)
    {
        var topDir = Tree(result);
        return new ScanOptions(topDir, directory)
        {
            CacheDirectory = result.GetValue(NoCache) ? null : Path.Combine(topDir, "tmp", "kiln"),
        };
    }
}
