using Kiln.Configuration.Kconfig;
using Kiln.Core.Errors;
using Kiln.OpenWrt.Configuration;
using Kiln.Targets.Model;
using Kiln.Targets.Scanning;

namespace Kiln.Configuration.Choice;

/// <summary>A .config and where it came from: a file, or Kiln's defaults for a subtarget.</summary>
public sealed record ChosenConfiguration(DotConfig Config, string? File)
{
    public bool IsDefault => File is null;

    public override string ToString() => File ?? "defaults (all devices selected)";
}

/// <summary>
/// Which .config a command works with, decided in one place: the file given; else, for a target,
/// the tree's .config when it is for that target and the target's defaults when it is not; else
/// the tree's .config, which must then exist.
/// </summary>
public static class ConfigurationChoice
{
    /// <param name="targetId">BOARD/SUBTARGET (or BOARD alone), or null for the tree's own choice.</param>
    /// <param name="cacheDirectory">Where the target scan keeps its results between runs (the tree's tmp/kiln), or null.</param>
    public static ChosenConfiguration Choose(string topDirectory, string? targetId, string? configFile, TimeSpan shellTimeout,
        string? cacheDirectory = null)
    {
        if (configFile is not null) return new ChosenConfiguration(DotConfig.Read(configFile), configFile);
        var treeFile = Path.Combine(topDirectory, ".config");
        var tree = File.Exists(treeFile) ? DotConfig.Read(treeFile) : null;
        if (targetId is null)
            return tree is null
                ? throw new UserError($"{topDirectory} has no .config: give --target BOARD/SUBTARGET (or --config FILE)")
                : new ChosenConfiguration(tree, treeFile);
        if (tree is not null && tree.Selects(targetId)) return new ChosenConfiguration(tree, treeFile);
        return new ChosenConfiguration(Defaults(topDirectory, targetId, shellTimeout, cacheDirectory), null);
    }

    /// <summary>The target's defaults, which need its metadata: only then is the board read.</summary>
    private static DotConfig Defaults(string topDirectory, string targetId, TimeSpan shellTimeout, string? cacheDirectory)
    {
        // The Config.in files' commands run while the board is read.
        using var shell = new KconfigShell(topDirectory, cacheDirectory is null ? null : Path.Combine(cacheDirectory, "kconfig-commands"));
        var parts = targetId.Split('/');
        var catalog = TargetCatalog.Read(new TargetScanOptions(topDirectory)
        {
            OnlyBoard = parts[0],
            OnlySubtarget = parts.Length > 1 ? parts[1] : null,
            SkipFailingDevices = true,
            ShellTimeout = shellTimeout,
            CacheDirectory = cacheDirectory,
        });
        var target = catalog.Find(targetId);
        return DefaultConfiguration.For(topDirectory, catalog.Board(target.Board) ?? target, target, shell);
    }
}
