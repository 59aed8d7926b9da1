using System.CommandLine.Help;
using System.CommandLine;
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
        var command = parsed.CommandResult.Command;
        var help = command.Parents.Any() ? $"kiln {command.Name} --help" : "kiln --help";
        throw new UserError($"{first.TrimEnd('.')} (see '{help}')");
    }

    /// <summary>
    /// A command's words (package names, paths): a word that starts with '-' is an option the command does not have,
    /// which System.CommandLine would otherwise take as one more word.
    /// </summary>
    public static string[] Operands(string[] words) =>
        words.FirstOrDefault(w => w.StartsWith('-')) is { } option ? throw new UserError($"{option}: no such option (see 'kiln --help')") : words;
}
