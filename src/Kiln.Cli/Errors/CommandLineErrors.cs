using System.CommandLine.Help;
using System.CommandLine;
using System.CommandLine.Parsing;
using Kiln.Core.Errors;

namespace Kiln.Cli.Errors;

/// <summary>A command line Kiln cannot take is one user error, in Kiln's words, before any work.</summary>
public static class CommandLineErrors
{
    public static void Check(ParseResult parsed)
    {
        // --help and --version answer whatever else the line holds.
        if (parsed.Action is HelpAction || parsed.Errors.Count == 0) return;
        // "Unrecognized command or argument 'x'" says more than the "Required command" that comes with it.
        var first = (parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0]).Message;
        throw new UserError($"{first.TrimEnd('.')} (see '{string.Join(' ', CommandPath(parsed.CommandResult))} --help')");
    }

    /// <summary>The words that name the command, from "kiln" down: "kiln dump targets", whose own name alone is another command's.</summary>
    private static List<string> CommandPath(CommandResult command)
    {
        var words = new List<string>();
        for (CommandResult? result = command; result is not null; result = result.Parent as CommandResult)
            words.Insert(0, result.Parent is null ? "kiln" : result.Command.Name);
        return words;
    }

    /// <summary>
    /// A command's words (package names, paths): a word that starts with '-' is an option the command does not have,
    /// which System.CommandLine would otherwise take as one more word.
    /// </summary>
    public static string[] Operands(string[] words) =>
        words.FirstOrDefault(w => w.StartsWith('-')) is { } option ? throw new UserError($"{option}: no such option (see 'kiln --help')") : words;
}
