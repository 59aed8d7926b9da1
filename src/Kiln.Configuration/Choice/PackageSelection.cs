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

        var reader = new KconfigReader(topDirectory);
        foreach (var package in packages)
            if (package.Config is { Length: > 0 } options) reader.ReadText(options, $"Package/{package.Name}/config");
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (symbol, value) in config.Entries) given[symbol] = value is null ? "n" : value.Trim('"');
        foreach (var (symbol, value) in chosen) given[symbol] = value;
        var values = KconfigEvaluator.Evaluate(reader.Symbols, given);
        foreach (var symbol in reader.Symbols)
        {
            if (given.ContainsKey(symbol.Name) || !values.TryGetValue(symbol.Name, out var value) || symbol.IsBoolean && value == "n") continue;
            Choose(symbol.Name, symbol.Type is "string" ? $"\"{value}\"" : value);
        }

        if (set.Count == 0) return (config, set);
        var result = config.Copy();
        foreach (var symbol in set) result.Set(symbol, chosen[symbol]);
        return (result, set);
    }
}
