namespace Kiln.Build.HostTools;

/// <summary>
/// A program OpenWrt's recipes call from <c>$(STAGING_DIR_HOST)/bin</c> (where OpenWrt builds its
/// own copy) or from PATH, the command that stands for it on this machine, and the Debian
/// package that provides that command.
/// </summary>
/// <param name="Name">The name under staging_dir/host/bin.</param>
/// <param name="Command">The host's command (a name looked up in PATH); for a script Kiln writes, the command the script runs
/// (null: nothing beyond coreutils; with no script either: nothing on the host stands for it, only a build from the tree).</param>
/// <param name="DebianPackage">The Debian package of <paramref name="Command"/> (null when Debian has none).</param>
/// <param name="Required">Every build needs it; the others are checked when a recipe uses them.</param>
/// <param name="Script">The script Kiln writes under <paramref name="Name"/> when its command is there.</param>
public sealed record HostTool(string Name, string? Command, string? DebianPackage, bool Required, string? Script = null)
{
    /// <summary>
    /// Where OpenWrt builds it, which Kiln builds too when asked (<c>tools/NAME</c>: <c>kiln build tools/NAME</c>;
    /// <c>package/.../NAME</c>: its host build, <c>kiln build NAME/host</c>); null when OpenWrt takes it from the host.
    /// </summary>
    public string? BuiltIn { get; init; }

    /// <summary>What stands for it when <see cref="Command"/> is not on this machine (Debian's lzma_alone, else Kiln's script over xz).</summary>
    public HostTool? Fallback { get; init; }

    /// <summary>Only a build from the tree provides it: Debian has no such program and Kiln writes no script.</summary>
    public bool BuiltOnly => Command is null && Script is null;

    /// <summary>The command that builds it from the tree (null when OpenWrt does not build it).</summary>
    public string? BuildCommand => BuiltIn switch
    {
        null => null,
        var d when d.StartsWith("tools/", StringComparison.Ordinal) => "kiln build " + d,
        var d => "kiln build " + Path.GetFileName(d) + "/host",
    };

    /// <summary>Where it comes from, for a message: the Debian package to install, Kiln's script and what it runs, the tree's build.</summary>
    public string Source
    {
        get
        {
            var parts = new List<string>();
            for (var tool = this; tool is not null; tool = tool.Fallback)
            {
                if (tool.Script is not null)
                    parts.Add(tool.Command is null ? "written by Kiln" : $"Kiln's script over {tool.Command}: apt-get install {tool.DebianPackage}");
                else if (tool.Command is not null)
                    parts.Add($"{(tool.Command == tool.Name ? "" : tool.Command + " from ")}apt-get install {tool.DebianPackage}");
            }
            if (BuildCommand is { } build) parts.Add(BuiltOnly ? $"built from the tree's {BuiltIn} (Debian has no package): {build}" : build);
            return string.Join(", or ", parts);
        }
    }
}
