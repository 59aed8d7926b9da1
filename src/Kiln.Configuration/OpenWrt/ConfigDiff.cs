using System.Text;
using Kiln.Configuration.Kconfig;

namespace Kiln.Configuration.OpenWrt;

/// <summary>
/// OpenWrt's scripts/diffconfig.sh: a .config reduced to what differs from the defaults. The seed
/// starts with the first three CONFIG_TARGET_ lines, the device lines and a few mode switches; then
/// the symbols whose value differs from that seed's defconfig are added (new ones only where they
/// are set), then those still differing after a second defconfig, each round sorted by name.
/// </summary>
public static class ConfigDiff
{
    private static readonly string[] Switches =
    [
        "CONFIG_ALL=y", "CONFIG_ALL_KMODS=y", "CONFIG_ALL_NONSHARED=y", "CONFIG_DEVEL=y", "CONFIG_TOOLCHAINOPTS=y",
        "CONFIG_BUSYBOX_CUSTOM=y", "CONFIG_TARGET_PER_DEVICE_ROOTFS=y",
    ];

    public static string Compute(string config, ConfigurationFiles files)
    {
        var lines = config.Split('\n');
        var head = new StringBuilder();
        foreach (var line in lines.Where(l => l.StartsWith("CONFIG_TARGET_", StringComparison.Ordinal)).Take(3)) head.Append(line).Append('\n');
        foreach (var line in lines.Where(l => l.StartsWith("CONFIG_TARGET_DEVICE_", StringComparison.Ordinal))) head.Append(line).Append('\n');
        foreach (var line in Switches.SelectMany(s => lines.Where(l => l == s))) head.Append(line).Append('\n');

        var wanted = Values(config);
        var stage1 = Values(files.Defconfig(head.ToString(), "tmp/.diffconfig.head"));
        Append(head, Differences(stage1, wanted, newOnly: true));
        var stage2 = Values(files.Defconfig(head.ToString(), "tmp/.diffconfig.head"));
        Append(head, Differences(stage2, wanted, newOnly: false));
        return head.ToString();
    }

    private const string Undefined = "#undef";

    /// <summary>kconfig.pl's load_config: NAME → value, "#undef" for "is not set".</summary>
    private static Dictionary<string, string> Values(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("CONFIG_", StringComparison.Ordinal) && line.IndexOf('=') is var equals and > 7 && equals + 1 < line.Length)
                values[line[7..equals]] = line[(equals + 1)..];
            else if (line.StartsWith("# CONFIG_", StringComparison.Ordinal) && line.EndsWith(" is not set", StringComparison.Ordinal))
                values[line[9..^11]] = Undefined;
        }
        return values;
    }

    private static SortedDictionary<string, string> Differences(Dictionary<string, string> from, Dictionary<string, string> to, bool newOnly)
    {
        var differences = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in to)
        {
            var known = from.TryGetValue(name, out var old);
            if (known && old == value) continue;
            if (newOnly && !known && value == Undefined) continue;
            differences[name] = value;
        }
        return differences;
    }

    private static void Append(StringBuilder head, SortedDictionary<string, string> values)
    {
        foreach (var (name, value) in values)
            head.Append(value is Undefined or "n" ? $"# CONFIG_{name} is not set\n" : $"CONFIG_{name}={value}\n");
    }
}
