using System.Buffers;
using System.Text;
using Kiln.Core.Errors;

namespace Kiln.Core.Processes;

/// <summary>
/// How a host program ended: its exit status, everything it printed (standard output and error
/// interleaved as they came) and its standard error alone.
/// </summary>
public sealed record ProgramResult(string Program, IReadOnlyList<string> Arguments, int ExitCode, string Output, string StandardError)
{
    /// <summary>How many of the last lines a failure message quotes: enough for the error, not the whole progress report.</summary>
    private const int QuotedLines = 15;

    /// <summary>The characters a shell takes literally: a word of only these needs no quotes.</summary>
    private static readonly SearchValues<char> SafeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%");

    public bool Succeeded => ExitCode == 0;

    /// <summary>The command as a shell would take it, for logs.</summary>
    public string CommandLine
    {
        get
        {
            var line = new StringBuilder(Program);
            foreach (var argument in Arguments) line.Append(' ').Append(ShellQuote(argument));
            return line.ToString();
        }
    }

    /// <summary>The result, or a user error quoting the program's last lines when it failed.</summary>
    public ProgramResult EnsureSucceeded(string? logPath = null) => Succeeded ? this : throw Failure(logPath);

    /// <summary>The error of a failed run: the program, its status and its last lines (the whole output is in <paramref name="logPath"/>).</summary>
    public UserError Failure(string? logPath = null)
    {
        var message = new StringBuilder($"{Program} failed (exit status {ExitCode})");
        var last = LastLines(QuotedLines);
        if (last.Length > 0) message.Append(":\n").Append(last);
        if (logPath is not null) message.Append($"\n(the whole output is in {logPath})");
        return new UserError(message.ToString());
    }

    /// <summary>The last <paramref name="count"/> lines of the output that hold something.</summary>
    public string LastLines(int count)
    {
        var lines = Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join('\n', lines[Math.Max(0, lines.Length - count)..]);
    }

    private static string ShellQuote(string word)
    {
        if (word.Length > 0 && word.AsSpan().IndexOfAnyExcept(SafeCharacters) < 0) return word;
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
