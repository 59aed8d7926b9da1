using System.CommandLine;
using Kiln.Configuration.Kconfig;
using Kiln.Configuration.OpenWrt;
using Kiln.Packages.Model;
using Kiln.Targets.Model;
using Kiln.Targets.Scanning;

namespace Kiln.Cli.Commands;

/// <summary>
/// The tree's Kconfig for the configuration commands: its packages and targets scanned (through the
/// metadata cache), the generated Kconfig made once, and a fresh Kconfig tree for each conf run.
/// </summary>
internal sealed class KconfigWorld
{
    private readonly KconfigSourceOverrides _generated;

    private KconfigWorld(string topDirectory, KconfigSourceOverrides generated)
    {
        TopDirectory = topDirectory;
        _generated = generated;
    }

    public string TopDirectory { get; }

    public static KconfigWorld Read(ParseResult result)
    {
        var topDirectory = GlobalOptions.Tree(result);
        // As OpenWrt's metadata for menuconfig: scanned once, not with the .config being made.
        var noConfig = Kiln.OpenWrt.Configuration.DotConfig.Parse("");
        var sources = TreePackages.Read(topDirectory, directory => GlobalOptions.Scan(result, directory) with { Config = noConfig }).Sources;
        var targets = TargetCatalog.Read(GlobalOptions.TargetScan(result) with { Config = noConfig }).Targets;
        return new KconfigWorld(topDirectory, OpenWrtKconfig.Generate(topDirectory, sources, targets));
    }

    public KconfigTree Load() => OpenWrtKconfig.Load(TopDirectory, _generated);

    public ConfigurationFiles Files => new(Load);

    public string DotConfig(string? given) => given ?? Path.Combine(TopDirectory, ".config");

    /// <summary>conf's warnings go to stderr, as conf prints them.</summary>
    public static void PrintWarnings(KconfigTree tree)
    {
        foreach (var warning in tree.Warnings) Console.Error.WriteLine(warning);
    }
}
