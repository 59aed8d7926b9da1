namespace Kiln.Build.HostTools;

/// <summary>
/// A program OpenWrt's recipes call from <c>$(STAGING_DIR_HOST)/bin</c> (where OpenWrt builds its
/// own copy) or from PATH, the command that stands for it on this machine, and the Debian
/// package that provides that command.
/// </summary>
/// <param name="Name">The name under staging_dir/host/bin.</param>
/// <param name="Command">The host's command (a name looked up in PATH); for a script Kiln writes, the command the script runs
/// (null: nothing beyond coreutils).</param>
/// <param name="Required">Every build needs it; the others are checked when a recipe uses them.</param>
/// <param name="Script">The script Kiln writes under <paramref name="Name"/> when its command is there.</param>
public sealed record HostTool(string Name, string? Command, string DebianPackage, bool Required, string? Script = null);
