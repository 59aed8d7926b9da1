namespace Kiln.Make.Inputs;

/// <summary>
/// Recognises <c>cat FILE...</c> of named files (no option, variable, glob, redirection or pipe, but for a final
/// <c>2&gt;/dev/null</c>: what a command prints on stderr is not part of its outcome): its output is those files' bytes,
/// so a result it fed can be checked by the files instead of by running it again (a package reading its build
/// directory's version file, or the kernel's .vermagic).
/// </summary>
public static class FileReadingCommand
{
    private const string QuietErrors = "2>/dev/null";

    /// <summary>The files the command reads, as written in it; null when it is not such a command.</summary>
    public static IReadOnlyList<string>? Files(string command)
    {
        command = command.TrimEnd();
        if (command.EndsWith(" " + QuietErrors, StringComparison.Ordinal)) command = command[..^QuietErrors.Length];
        if (PureCommand.SplitPipeline(command) is not [var only] || PureCommand.Words(only) is not [("cat", false), .. var operands]
            || operands.Count == 0 || operands.Any(o => o.Text.Length == 0 || o.Text.StartsWith('-') || !o.Quoted && o.Text.Contains('$')))
            return null;
        return operands.Select(o => o.Text).ToList();
    }
}
