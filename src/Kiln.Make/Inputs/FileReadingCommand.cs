namespace Kiln.Make.Inputs;

/// <summary>
/// Recognises a command that reads named files and nothing else, so that a result it fed can be checked by the files
/// instead of by running it again: <c>cat FILE...</c>, whose output is those files' bytes (a package reading its build
/// directory's version file, or the kernel's .vermagic), or <c>sed SCRIPT FILE</c> with a script that only edits its
/// input (<see cref="SedScript"/>: a version taken from a configure.ac). No option but sed's -n, -e, -E and -r, no
/// variable, glob, redirection or pipe, but for a final <c>2&gt;/dev/null</c>: what a command prints on stderr is not
/// part of its outcome.
/// </summary>
public static class FileReadingCommand
{
    private const string QuietErrors = "2>/dev/null";

    /// <summary>The files, as written in the command, and how it reads them; null when it is not such a command.</summary>
    public static FileReading? Recognise(string command)
    {
        command = command.TrimEnd();
        if (command.EndsWith(" " + QuietErrors, StringComparison.Ordinal)) command = command[..^QuietErrors.Length];
        if (PureCommand.SplitPipeline(command) is not [var only] || PureCommand.Words(only) is not [(var program, false), .. var operands])
            return null;
        return program switch
        {
            "cat" when operands.Count > 0 && operands.All(IsFileOperand) => new FileReading(operands.Select(o => o.Text).ToList(), PrintsFiles: true,
                StatusWhenMissing: 1),
            "sed" => SedOfOneFile(operands),
            _ => null,
        };
    }

    /// <summary>sed [-n] [-E|-r] [-e] SCRIPT FILE.</summary>
    private static FileReading? SedOfOneFile(List<(string Text, bool Quoted)> operands)
    {
        string? script = null;
        string? file = null;
        for (var i = 0; i < operands.Count; i++)
        {
            var operand = operands[i];
            if (operand.Text is "-n" or "-E" or "-r" && !operand.Quoted) continue;
            if (operand is ("-e", false) && script is null && i + 1 < operands.Count) script = operands[++i].Text;
            else if (script is null && !operand.Text.StartsWith('-')) script = operand.Text;
            else if (file is null && IsFileOperand(operand)) file = operand.Text;
            else return null;
        }
        return script is not null && file is not null && SedScript.EditsOnlyItsInput(script)
            ? new FileReading([file], PrintsFiles: false, StatusWhenMissing: 2)
            : null;
    }

    private static bool IsFileOperand((string Text, bool Quoted) operand) =>
        operand.Text.Length > 0 && !operand.Text.StartsWith('-') && (operand.Quoted || !operand.Text.Contains('$'));
}

/// <summary>The files a command reads, as written in it.</summary>
/// <param name="PrintsFiles">Whether its output is the files' bytes, one after the other (cat), or made from them (sed).</param>
/// <param name="StatusWhenMissing">The status it exits with, printing nothing, when its one file is not there.</param>
public sealed record FileReading(IReadOnlyList<string> Files, bool PrintsFiles, int StatusWhenMissing);
