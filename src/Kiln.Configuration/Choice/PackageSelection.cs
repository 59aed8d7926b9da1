using System.Text;
using Kiln.Configuration.Kconfig;
using Kiln.OpenWrt.Configuration;
using Kiln.Packages.Model;

namespace Kiln.Configuration.Choice;

/// <summary>
/// The .config a build reads once the packages it builds are selected as menuconfig selects them:
/// CONFIG_PACKAGE_NAME=y for each, and each of their own options (Package/NAME/config) that the
/// .config leaves unset at its Kconfig default, now that PACKAGE_NAME is on. OpenWrt's
/// <c>make package/foo/compile</c> works only with foo selected; without this, a package named
/// on Kiln's command line would read its options as off and skip the binary packages that
/// depend on them.
/// </summary>
public static class PackageSelection
{
    /// <param name="topDirectory">The tree: a package's options may <c>source</c> a Config.in of its own.</param>
    /// <returns>The .config with the selection (the given one when nothing changed) and the symbols it set, in order.</returns>
    public static (DotConfig Config, IReadOnlyList<string> Set) Apply(string topDirectory, DotConfig config, IEnumerable<BinaryPackage> packages)
    {
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        var set = new List<string>();
        void Choose(string symbol, string value)
        {
            chosen[symbol] = value;
            set.Add(symbol);
        }
        foreach (var package in packages)
        {
            var symbol = "PACKAGE_" + package.Name;
            if (!config.IsEnabled(symbol) && !chosen.ContainsKey(symbol)) Choose(symbol, "y");
        }

        // The packages' own options, read with the .config's values and the selection as the user's.
        var kconfig = new StringBuilder();
        var seed = new StringBuilder(config.Write());
        foreach (var package in packages)
        {
            kconfig.Append($"config PACKAGE_{package.Name}\n\ttristate \"{package.Name}\"\n");
            if (package.Config is { Length: > 0 } options) kconfig.Append(options).Append('\n');
        }
        foreach (var (symbol, value) in chosen) seed.Append($"CONFIG_{symbol}={value}\n");
        var tree = KconfigTree.Parse(kconfig.ToString(), "(options of the selected packages)", topDirectory,
            KconfigSourceOverrides.ForOpenWrtTree());
        var evaluator = new KconfigEvaluator(tree);
        KconfigConf.Complete(evaluator, ConfMode.Defconfig, seed.ToString(), "(.config)");
        var inConfig = config.Entries.Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var symbol in tree.Symbols)
        {
            if (inConfig.Contains(symbol.Name!) || chosen.ContainsKey(symbol.Name!)) continue;
            evaluator.CalcValue(symbol);
            if (!symbol.Has(SymbolFlags.Write) || symbol.Type == SymbolType.Unknown) continue;
            var value = evaluator.StringValue(symbol);
            if (symbol.Type is SymbolType.Boolean or SymbolType.Tristate && value == "n") continue;
            Choose(symbol.Name!, symbol.Type == SymbolType.String ? $"\"{value}\"" : value);
        }

        if (set.Count == 0) return (config, set);
        var result = config.Copy();
        foreach (var symbol in set) result.Set(symbol, chosen[symbol]);
        return (result, set);
    }
}
