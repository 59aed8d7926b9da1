namespace Kiln.Make.Evaluation;

/// <summary>
/// One command of an expanded recipe, as make runs it: the text up to an unescaped newline with
/// its <c>@</c> (silent), <c>-</c> (errors ignored) and <c>+</c> (runs even under -n) prefixes taken off.
/// </summary>
public sealed record RecipeCommand(string Text, bool Silent, bool IgnoreErrors, bool Recursive)
{
    /// <summary>Splits expanded recipe lines into commands, leaving out empty ones (make's start_job_command).</summary>
    public static List<RecipeCommand> Split(string expanded)
    {
        var commands = new List<RecipeCommand>();
        var start = 0;
        while (start < expanded.Length)
        {
            var end = start;
            while (end < expanded.Length && !(expanded[end] == '\n' && !EscapedNewline(expanded, end))) end++;
            bool silent = false, ignore = false, recursive = false;
            var p = start;
            for (; p < end; p++)
            {
                var c = expanded[p];
                if (c == '@') silent = true;
                else if (c == '-') ignore = true;
                else if (c == '+') recursive = true;
                else if (c is not (' ' or '\t')) break;
            }
            if (p < end) commands.Add(new RecipeCommand(DropContinuationTabs(expanded[p..end]), silent, ignore, recursive));
            start = end + 1;
        }
        return commands;
    }

    /// <summary>A newline after an odd number of backslashes continues the command.</summary>
    private static bool EscapedNewline(string text, int newline)
    {
        var backslashes = 0;
        for (var i = newline - 1; i >= 0 && text[i] == '\\'; i--) backslashes++;
        return backslashes % 2 == 1;
    }

    /// <summary>make drops the recipe prefix (a tab) that starts a continued line before the shell sees it.</summary>
    private static string DropContinuationTabs(string command) =>
        command.Contains("\\\n\t", StringComparison.Ordinal) ? command.Replace("\\\n\t", "\\\n", StringComparison.Ordinal) : command;
}
