using Kiln.Core.Errors;

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
    /// modes read the seed when given (OpenWrt's conf reads its input file for them).
    /// </summary>
    public static ConfResult Run(string sourceTree, string kconfigFile, ConfMode mode, string? seedFile)
    {
        var tree = KconfigTree.Load(sourceTree, kconfigFile);
        var evaluator = new KconfigEvaluator(tree);
        string? seed = null;
        if (seedFile is not null)
        {
            var path = Path.IsPathRooted(seedFile) ? seedFile : Path.Combine(sourceTree, seedFile);
            if (File.Exists(path)) seed = File.ReadAllText(path, System.Text.Encoding.Latin1);
            else if (mode == ConfMode.Defconfig) throw new UserError($"can't find default configuration \"{seedFile}\"");
        }
        Complete(evaluator, mode, seed, seedFile ?? ".config");
        return new ConfResult(ConfigFileWriter.Write(evaluator), tree.Warnings);
    }

    /// <summary>Reads the seed (when there is one) and completes the configuration as the mode says.</summary>
    /// <param name="warnUnknown">Warn about the seed's symbols the Kconfig does not define (conf's KCONFIG_WARN_UNKNOWN_SYMBOLS).</param>
    public static void Complete(KconfigEvaluator evaluator, ConfMode mode, string? seed, string seedName, bool warnUnknown = false)
    {
        if (seed is not null) new ConfigFileReader(evaluator).Read(seed, seedName, warnUnknown);
        else evaluator.CalcValue(evaluator.Tree.Modules);
        switch (mode)
        {
            case ConfMode.Allnoconfig:
                SetAllNewSymbols(evaluator, Tristate.No);
                break;
            case ConfMode.Allyesconfig:
                SetAllNewSymbols(evaluator, Tristate.Yes);
                break;
            case ConfMode.Allmodconfig:
                SetAllNewSymbols(evaluator, Tristate.Mod);
                break;
            case ConfMode.Alldefconfig or ConfMode.Defconfig:
                SetAllNewSymbols(evaluator, null);
                break;
        }
    }

    /// <summary>
    /// conf's conf_set_all_new_symbols: bools and tristates nobody set take the given value (none:
    /// their defaults), and every choice nobody set is settled, its other members at n.
    /// </summary>
    private static void SetAllNewSymbols(KconfigEvaluator evaluator, Tristate? value)
    {
        var tree = evaluator.Tree;
        evaluator.ClearAllValid();
        if (value is { } given)
            foreach (var symbol in tree.SymbolsInTableOrder)
            {
                if (symbol.HasUserValue || symbol.Has(SymbolFlags.Valid)) continue;
                if (evaluator.EffectiveType(symbol) is not (SymbolType.Boolean or SymbolType.Tristate)) continue;
                symbol.User.Tri = given;
                symbol.Flags |= SymbolFlags.DefUser;
            }
        foreach (var symbol in tree.SymbolsInTableOrder)
            if (symbol.IsChoice && !symbol.HasUserValue || symbol.IsChoiceValue)
                symbol.Flags |= SymbolFlags.NeedSetChoiceValues;
        foreach (var choice in tree.SymbolsInTableOrder)
        {
            if (choice.HasUserValue || !choice.IsChoice) continue;
            evaluator.CalcValue(choice);
            evaluator.SetAllChoiceValues(choice);
        }
    }
}
