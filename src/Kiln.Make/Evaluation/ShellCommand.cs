namespace Kiln.Make.Evaluation;

/// <summary>
/// How make runs a command line: directly when it has no shell syntax (make's "fast path" in
/// construct_command_argv), otherwise through <c>$(SHELL) $(.SHELLFLAGS)</c>.
/// </summary>
internal static class ShellCommand
{
    private const string ShellSpecialChars = "#;\"*?[]&|<>(){}$`^~!";

    private static readonly HashSet<string> ShellBuiltins =
    [
        ".", ":", "alias", "bg", "break", "case", "cd", "command", "continue",
        "eval", "exec", "exit", "export", "fc", "fg", "for", "getopts", "hash",
        "if", "jobs", "login", "logout", "read", "readonly", "return", "set",
        "shift", "test", "times", "trap", "type", "ulimit", "umask", "unalias",
        "unset", "wait", "while",
    ];

    /// <summary>The argument vector to execute; null when the line is empty (make runs nothing).</summary>
    public static List<string>? Build(string line, string shell, string shellFlags)
    {
        var start = 0;
        while (start < line.Length && Text.CharClass.IsBlank(line[start])) start++;
        if (start == line.Length) return null;
        line = line[start..];
        var direct = shell == "/bin/sh" && shellFlags is "-c" or "-ec" ? TrySplit(line) : null;
        if (direct is not null) return direct;
        // make re-splits "SHELL FLAGS line" into words, so SHELL may carry arguments ("/usr/bin/env bash").
        var argv = Text.Words.Split(shell);
        argv.AddRange(Text.Words.Split(shellFlags));
        argv.Add(line);
        return argv;
    }

    /// <summary>Splits a line with no shell syntax into words the way make does, or null if the shell is needed.</summary>
    private static List<string>? TrySplit(string line)
    {
        var args = new List<string>();
        var current = new System.Text.StringBuilder();
        var inQuote = false;
        var wordHasEquals = false;
        var seenNonEquals = false;
        var lastWasEmptyQuote = false;
        for (var p = 0; p < line.Length; p++)
        {
            var c = line[p];
            if (inQuote)
            {
                if (c == '\'')
                {
                    inQuote = false;
                    if (current.Length == 0) lastWasEmptyQuote = true;
                }
                else if (c == '\\' && p + 1 < line.Length && line[p + 1] == '\n')
                {
                    current.Append(c).Append('\n');
                    p++;
                }
                else current.Append(c);
                continue;
            }
            if (ShellSpecialChars.Contains(c)) return null;
            switch (c)
            {
                case '=':
                    if (!seenNonEquals) return null;
                    wordHasEquals = true;
                    current.Append(c);
                    break;
                case '\\':
                    if (p + 1 < line.Length && line[p + 1] == '\n')
                    {
                        p++;
                        if (current.Length == 0)
                            while (p + 1 < line.Length && Text.CharClass.IsBlank(line[p + 1])) p++;
                    }
                    else if (p + 1 < line.Length)
                    {
                        current.Append(line[++p]);
                    }
                    break;
                case '\'':
                    inQuote = true;
                    break;
                case ' ':
                case '\t':
                    args.Add(current.ToString());
                    current.Clear();
                    lastWasEmptyQuote = false;
                    seenNonEquals |= !wordHasEquals;
                    if (wordHasEquals && !seenNonEquals) return null;
                    wordHasEquals = false;
                    if (args.Count == 1 && ShellBuiltins.Contains(args[0])) return null;
                    while (p + 1 < line.Length && Text.CharClass.IsBlank(line[p + 1])) p++;
                    break;
                default:
                    current.Append(c);
                    break;
            }
        }
        if (inQuote) return null;
        if (current.Length > 0 || lastWasEmptyQuote) args.Add(current.ToString());
        if (args.Count == 1 && ShellBuiltins.Contains(args[0])) return null;
        return args.Count == 0 ? null : args;
    }
}
