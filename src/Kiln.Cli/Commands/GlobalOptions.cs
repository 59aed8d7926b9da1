using System.CommandLine;

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
}
