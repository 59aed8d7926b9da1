namespace Kiln.Configuration.Kconfig;

/// <summary>How <c>conf</c> completes a configuration: its command-line modes.</summary>
public enum ConfMode { Defconfig, Olddefconfig, Alldefconfig, Allnoconfig, Allyesconfig, Allmodconfig }

/// <summary>What a <c>conf</c> run leaves: the .config text and the warnings it printed, in order.</summary>
public sealed record ConfResult(string Config, IReadOnlyList<string> Warnings);

/// <summary>The Linux <c>conf</c> program's non-interactive modes, as OpenWrt's scripts/config runs them.</summary>
public static class KconfigConf
{
    /// <summary>
    /// As <c>cd SOURCETREE; KCONFIG_CONFIG=out conf --MODE[=SEED] KCONFIGFILE</c>: for Defconfig the
    /// seed is read as the user's values; for Olddefconfig the seed is the old .config; the other
    /// modes read the seed when given (KCONFIG_ALLCONFIG).
    /// </summary>
    public static ConfResult Run(string sourceTree, string kconfigFile, ConfMode mode, string? seedFile) =>
        throw new NotImplementedException();
}
