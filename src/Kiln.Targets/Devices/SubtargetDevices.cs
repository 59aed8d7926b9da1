using Kiln.Make.Diagnostics;
using Kiln.Make.Text;
using Kiln.Targets.Configuration;
using Kiln.Targets.Model;
using Kiln.Targets.Scanning;

namespace Kiln.Targets.Devices;

/// <summary>
/// Everything the device commands need for one subtarget: its target entry, the configuration its
/// images are read with, and its devices with their plans.
/// </summary>
public static class SubtargetDevices
{
    /// <param name="id">BOARD/SUBTARGET (or BOARD when it has no subtargets).</param>
    /// <param name="configFile">A .config for the subtarget; null: the tree's .config if it is one for the subtarget, else the defaults.</param>
    public static (ConfigurationSource Source, DeviceSet Devices) Load(string topDirectory, string id, string? configFile, TimeSpan shellTimeout)
    {
        var (source, text) = Configuration(topDirectory, id, configFile, shellTimeout);
        var parts = id.Split('/');
        var reader = new DeviceReader(topDirectory, text, shellTimeout);
        return (source, reader.Read(parts[0], parts.Length > 1 ? parts[1] : null));
    }

    /// <summary>
    /// The given file, else the tree's .config when it selects the target, else the defaults,
    /// which need the target's metadata (only then is the board read; a configuration's own
    /// target is checked when the images are read).
    /// </summary>
    public static (ConfigurationSource Source, string Text) Configuration(string topDirectory, string id, string? configFile, TimeSpan shellTimeout)
    {
        if (configFile is not null)
        {
            if (!File.Exists(configFile)) throw new MakeErrorException(SourceLocation.None, $"{configFile}: no such file");
            return (new ConfigurationSource(configFile, Default: false), ReadConfig(configFile));
        }
        var treeConfig = Path.Combine(topDirectory, ".config");
        var treeText = File.Exists(treeConfig) ? ReadConfig(treeConfig) : null;
        if (treeText is not null && Selects(treeText, id)) return (new ConfigurationSource(treeConfig, Default: false), treeText);

        var parts = id.Split('/');
        var catalog = TargetCatalog.Read(new TargetScanOptions(topDirectory)
        {
            OnlyBoard = parts[0],
            OnlySubtarget = parts.Length > 1 ? parts[1] : null,
            SkipFailingDevices = true,
            ShellTimeout = shellTimeout,
        });
        var target = catalog.Find(id);
        return (new ConfigurationSource(null, Default: true), DefaultConfiguration.For(topDirectory, catalog.Board(target.Board) ?? target, target));
    }

    private static string ReadConfig(string path) => ByteText.Encoding.GetString(File.ReadAllBytes(path));

    /// <summary>Whether a .config selects the target (CONFIG_TARGET_BOARD and the subtarget's symbol).</summary>
    private static bool Selects(string config, string id)
    {
        var lines = config.Split('\n');
        return lines.Contains($"CONFIG_TARGET_BOARD=\"{id.Split('/')[0]}\"") && lines.Contains($"CONFIG_TARGET_{DefaultConfiguration.ConfigName(id)}=y");
    }
}

/// <summary>Where the configuration came from: a file, or Kiln's defaults for the subtarget (all devices, Kconfig defaults).</summary>
public sealed record ConfigurationSource(string? File, bool Default)
{
    public override string ToString() => Default ? "defaults (all devices selected)" : File!;
}
