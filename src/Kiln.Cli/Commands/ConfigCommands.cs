using System.CommandLine;
using System.Text;
using Kiln.Configuration.Explain;
using Kiln.Configuration.Kconfig;
using Kiln.Configuration.OpenWrt;
using Kiln.Core.Errors;
using Kiln.Core.Files;

namespace Kiln.Cli.Commands;

/// <summary>
/// <c>kiln defconfig</c>, <c>kiln config get|set|unset|diff</c> and <c>kiln why</c>: OpenWrt's
/// configuration targets and questions, on the tree's Kconfig as OpenWrt generates it.
/// </summary>
public static class ConfigCommands
{
    private static readonly Option<string?> ConfigFile = new("--config")
    {
        Description = "The .config to work on (default: TREE/.config).",
        HelpName = "FILE",
    };

    public static IEnumerable<Command> Create()
    {
        yield return Defconfig();
        yield return Config();
        yield return Why();
    }

    private static Command Defconfig()
    {
        var seed = new Option<string?>("--config") { Description = "The seed (default: TREE/.config).", HelpName = "SEED" };
        var command = new Command("defconfig", "Complete a .config from a seed as OpenWrt's make defconfig does, and write it to TREE/.config.") { seed };
        command.SetAction(result =>
        {
            var world = KconfigWorld.Read(result);
            var seedPath = result.GetValue(seed) ?? world.DotConfig(null);
            // A seed named on the command line must be there (conf: "Can't find default configuration");
            // the tree's own .config may be missing, as make defconfig touches it first.
            if (result.GetValue(seed) is { } named && !Path.Exists(named)) throw new UserError($"{named}: no such seed file (--config)");
            var seedText = ConfigurationFiles.ReadOrEmpty(seedPath);
            // Unlike conf by default, a seed's unknown symbols are warned about: a typo should not pass silently.
            var (evaluator, text) = world.Files.Complete(ConfMode.Defconfig, seedText, Path.GetFileName(seedPath), warnUnknown: true);
            KconfigWorld.PrintWarnings(evaluator.Tree);
            using var treeLock = TreeLock.Take(world.TopDirectory);
            var output = world.DotConfig(null);
            ConfigurationFiles.Write(output, text);
            Console.WriteLine($"#\n# configuration written to {output}\n#");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Config()
    {
        var command = new Command("config", "Read or change symbols of the .config, or show what differs from the defaults.");
        var names = new Argument<string[]>("SYMBOL") { Description = "Symbols (with or without CONFIG_).", Arity = ArgumentArity.OneOrMore };
        var get = new Command("get", "Print the value each symbol has with the .config (as .config lines).") { names, ConfigFile };
        get.SetAction(result => Get(result, result.GetValue(names)!));
        var assignments = new Argument<string[]>("SYMBOL=VALUE") { Arity = ArgumentArity.OneOrMore };
        var set = new Command("set", "Set symbols as the user would in menuconfig, and write the .config.") { assignments, ConfigFile };
        set.SetAction(result => Change(result, result.GetValue(assignments)!, unset: false));
        var unsetNames = new Argument<string[]>("SYMBOL") { Arity = ArgumentArity.OneOrMore };
        var unset = new Command("unset", "Turn bools and tristates off, and give other symbols back their defaults; write the .config.") { unsetNames, ConfigFile };
        unset.SetAction(result => Change(result, result.GetValue(unsetNames)!, unset: true));
        var diff = new Command("diff", "Print only what the .config sets differently from the defaults (as OpenWrt's scripts/diffconfig.sh).") { ConfigFile };
        diff.SetAction(Diff);
        command.Subcommands.Add(get);
        command.Subcommands.Add(set);
        command.Subcommands.Add(unset);
        command.Subcommands.Add(diff);
        return command;
    }

    private static string SymbolName(string word) => word.StartsWith("CONFIG_", StringComparison.Ordinal) ? word["CONFIG_".Length..] : word;

    private static KconfigSymbol Find(KconfigTree tree, string name) =>
        tree.Find(name) is { IsConst: false, Menus.Count: > 0 } symbol ? symbol : throw new UserError($"{name}: no such symbol in the tree's Kconfig");

    /// <summary>The .config read as conf reads it, values completed as olddefconfig completes them.</summary>
    private static (KconfigWorld World, KconfigEvaluator Evaluator, string Path) Current(ParseResult result)
    {
        var world = KconfigWorld.Read(result);
        var path = world.DotConfig(result.GetValue(ConfigFile));
        var text = File.Exists(path) ? ConfigurationFiles.ReadOrEmpty(path) : null;
        var (evaluator, _) = world.Files.Complete(ConfMode.Olddefconfig, text, Path.GetFileName(path));
        return (world, evaluator, path);
    }

    private static int Get(ParseResult result, string[] words)
    {
        var (_, evaluator, _) = Current(result);
        var text = new StringBuilder();
        foreach (var word in words)
        {
            var symbol = Find(evaluator.Tree, SymbolName(word));
            evaluator.CalcValue(symbol);
            // A bool or tristate out of reach is n, as the .config would say; a hidden string or number has no value to print.
            if (symbol.Has(SymbolFlags.Write) || symbol.Type is SymbolType.Boolean or SymbolType.Tristate)
                ConfigFileWriter.AppendSymbol(text, evaluator, symbol);
            else Console.Error.WriteLine($"kiln: {symbol.Name} is not in the .config: its dependencies are not met (kiln why {symbol.Name})");
        }
        Console.Write(text);
        return ExitCodes.Success;
    }

    private static int Change(ParseResult result, string[] words, bool unset)
    {
        var (world, evaluator, path) = Current(result);
        foreach (var word in words)
        {
            var equals = word.IndexOf('=');
            if (!unset && equals < 0) throw new UserError($"{word}: expected SYMBOL=VALUE");
            var symbol = Find(evaluator.Tree, SymbolName(unset ? word : word[..equals]));
            var value = unset ? "n" : word[(equals + 1)..];
            if (symbol.Type == SymbolType.String && value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            if (!unset && !SymbolText.IsValid(symbol.Type, value))
                throw new UserError($"CONFIG_{symbol.Name}={value}: not a valid {SymbolTypeNames.Name(symbol.Type)} value");
            evaluator.CalcValue(symbol);
            var accepted = unset && symbol.Type is not (SymbolType.Boolean or SymbolType.Tristate)
                ? evaluator.ClearUserValue(symbol)
                : evaluator.SetString(symbol, value);
            if (!accepted)
                throw new UserError($"CONFIG_{symbol.Name}={value}: not possible here; kiln why {symbol.Name} says why:\n" +
                    new SymbolExplanation(evaluator).Explain(symbol).TrimEnd());
        }
        var text = ConfigFileWriter.Write(evaluator);
        KconfigWorld.PrintWarnings(evaluator.Tree);
        using var treeLock = TreeLock.Take(world.TopDirectory);
        ConfigurationFiles.Write(path, text);
        return ExitCodes.Success;
    }

    /// <summary>
    /// scripts/diffconfig.sh: the target lines and a few mode switches as a seed, then the symbols
    /// whose value differs from what that seed gives, in two rounds (the second catching what the
    /// first round's additions change).
    /// </summary>
    private static int Diff(ParseResult result)
    {
        var world = KconfigWorld.Read(result);
        var path = world.DotConfig(result.GetValue(ConfigFile));
        if (!File.Exists(path)) throw new UserError($"{path}: no such file (kiln config diff compares a .config with the defaults)");
        var config = ConfigurationFiles.ReadOrEmpty(path);
        Console.Write(ConfigDiff.Compute(config, world.Files));
        return ExitCodes.Success;
    }

    private static Command Why()
    {
        var name = new Argument<string>("NAME") { Description = "A package (PACKAGE_NAME is explained) or any symbol." };
        var command = new Command("why", "Explain why a package or symbol has its value in the .config: who selects it, which default, or which dependency is not met.") { name, ConfigFile };
        command.SetAction(result =>
        {
            var (_, evaluator, _) = Current(result);
            var word = SymbolName(result.GetValue(name)!);
            var symbol = evaluator.Tree.Find("PACKAGE_" + word) is { Menus.Count: > 0 } package ? package : Find(evaluator.Tree, word);
            Console.Write(new SymbolExplanation(evaluator).Explain(symbol));
            return ExitCodes.Success;
        });
        return command;
    }
}
