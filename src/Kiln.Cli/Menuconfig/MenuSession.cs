using Kiln.Configuration.Kconfig;
using Kiln.Configuration.OpenWrt;

namespace Kiln.Cli.Menuconfig;

/// <summary>
/// What menuconfig works on: the Kconfig world, its evaluator, the .config it saves to and whether
/// the user changed anything since the last save (mconf's conf_get_changed).
/// </summary>
public sealed class MenuSession
{
    public MenuSession(KconfigTree tree, string configPath)
    {
        Tree = tree;
        Evaluator = new KconfigEvaluator(tree);
        Visibility = new MenuVisibility(Evaluator);
        ConfigPath = configPath;
        // Whether m exists decides how tristates show, as conf_read computes it first.
        Evaluator.CalcValue(tree.Modules);
        if (File.Exists(configPath)) Load(configPath);
        // A configuration that was never saved is new: leaving asks whether to save it, as mconf
        // does for a tree without a .config.
        else Changed = true;
    }

    public KconfigTree Tree { get; }
    public KconfigEvaluator Evaluator { get; }
    public MenuVisibility Visibility { get; }
    public string ConfigPath { get; private set; }
    public bool Changed { get; private set; }

    /// <summary>Reads a .config as the user's values (mconf's conf_read); later saves go to it.</summary>
    public void Load(string path)
    {
        new ConfigFileReader(Evaluator).Read(ConfigurationFiles.ReadOrEmpty(path), path);
        ConfigPath = path;
        Changed = false;
    }

    /// <summary>Writes the configuration as every configuration command does: whole or not at all, the old one kept as .config.old.</summary>
    public void Save(string path)
    {
        ConfigurationFiles.Write(path, ConfigFileWriter.Write(Evaluator));
        ConfigPath = path;
        Changed = false;
    }

    public bool SetTristate(KconfigSymbol symbol, Tristate value)
    {
        Evaluator.CalcValue(symbol);
        var old = symbol.Current.Tri;
        if (!Evaluator.SetTristate(symbol, value)) return false;
        Changed |= old != value;
        return true;
    }

    /// <summary>Space on a bool or tristate: the next value in n, m, y order that the symbol can take (sym_toggle_tristate_value).</summary>
    public void Toggle(KconfigSymbol symbol)
    {
        Evaluator.CalcValue(symbol);
        var old = symbol.Current.Tri;
        var value = old;
        do
        {
            value = value switch { Tristate.No => Tristate.Mod, Tristate.Mod => Tristate.Yes, _ => Tristate.No };
            if (SetTristate(symbol, value)) return;
        } while (value != old);
    }

    public bool SetString(KconfigSymbol symbol, string text)
    {
        var old = Value(symbol);
        if (!Evaluator.SetString(symbol, text)) return false;
        Changed |= Value(symbol) != old;
        return true;
    }

    public string Value(KconfigSymbol symbol)
    {
        Evaluator.CalcValue(symbol);
        return Evaluator.StringValue(symbol);
    }
}
