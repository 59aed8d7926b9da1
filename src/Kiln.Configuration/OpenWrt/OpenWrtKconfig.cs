using Kiln.Configuration.Generators;
using Kiln.Configuration.Kconfig;
using Kiln.Packages.Feeds;
using Kiln.Packages.Model;
using Kiln.Targets.Model;

namespace Kiln.Configuration.OpenWrt;

/// <summary>
/// The whole Kconfig of an OpenWrt tree as <c>make menuconfig</c> and <c>make defconfig</c> read it:
/// the tree's Config.in with the files OpenWrt generates under tmp/ given by Kiln's own generators
/// (packages, targets, feeds), feeds/base read as package/.
/// </summary>
public static class OpenWrtKconfig
{
    public const string TopFile = "Config.in";

    /// <summary>The generated files' texts, made once and read by every load.</summary>
    public static KconfigSourceOverrides Generate(string topDirectory, IReadOnlyList<SourcePackage> sources, IReadOnlyList<Target> targets)
    {
        var generated = KconfigSourceOverrides.ForOpenWrtTree();
        var options = PackageKconfigOptions.None with { FeedImageConfigs = PackageKconfig.FeedsHaveImageConfig(topDirectory) };
        generated.Add("tmp/.config-package.in", PackageKconfig.Generate(sources, options));
        generated.Add("tmp/.config-target.in", TargetKconfig.Generate(targets));
        generated.Add("tmp/.config-feeds.in", FeedKconfig.Text(topDirectory));
        return generated;
    }

    public static KconfigTree Load(string topDirectory, KconfigSourceOverrides generated) =>
        KconfigTree.Load(topDirectory, TopFile, generated);
}
