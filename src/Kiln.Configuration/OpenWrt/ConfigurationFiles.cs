using System.Text;
using Kiln.Configuration.Kconfig;
using Kiln.Core.Errors;
using Kiln.Core.Files;

namespace Kiln.Configuration.OpenWrt;

/// <summary>
/// What OpenWrt's configuration targets do with .config files: defconfig (complete a seed),
/// olddefconfig (bring a .config up to date), and the values a .config gives, each on a fresh
/// Kconfig tree as each run of conf is a fresh process.
/// </summary>
public sealed class ConfigurationFiles(Func<KconfigTree> load)
{
    /// <summary>conf --defconfig: the seed's values as the user's, everything else at its default.</summary>
    public string Defconfig(string seedText, string seedName) => Complete(ConfMode.Defconfig, seedText, seedName).Text;

    /// <summary>A tree with the .config read as the user's values and everything computed, as conf_read leaves it.</summary>
    public (KconfigEvaluator Evaluator, string Text) Complete(ConfMode mode, string? configText, string configName, bool warnUnknown = false)
    {
        var tree = load();
        var evaluator = new KconfigEvaluator(tree);
        KconfigConf.Complete(evaluator, mode, configText, configName, warnUnknown);
        return (evaluator, ConfigFileWriter.Write(evaluator));
    }

    /// <summary>Reads a .config or seed; a missing one reads as empty (as OpenWrt's targets touch .config first).</summary>
    public static string ReadOrEmpty(string path) =>
        File.Exists(path) ? File.ReadAllText(path, Encoding.Latin1) : Directory.Exists(path)
            ? throw new UserError($"{path}: Is a directory")
            : "";

    /// <summary>Writes the .config as conf does: atomically, the old one kept as .config.old when it changes.</summary>
    public static bool Write(string path, string text)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) return false;
        if (File.Exists(path)) File.Copy(path, path + ".old", overwrite: true);
        AtomicFile.Write(path, bytes);
        return true;
    }
}
