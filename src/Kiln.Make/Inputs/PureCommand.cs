namespace Kiln.Make.Inputs;

/// <summary>
/// Recognises the commands whose output is a function of their text alone — no file, directory, clock or other
/// program consulted — so that a result they fed can be checked without running them again. Deliberately narrow:
/// what Makefiles compute in the shell for want of make arithmetic or text functions, as a pipeline of
/// <c>echo</c>/<c>printf</c>/<c>expr</c> (or <c>echo $((...))</c>, or such a pipeline run by <c>sh -c</c>) into
/// <c>cut</c>, <c>tr</c>, a digest of the input (<c>md5sum</c>) or a sed script that only edits its input
/// (<see cref="SedScript"/>). Anything else (a redirection, a command substitution, a variable, a glob, a file operand)
/// is not. One program named by its path may digest the input too: OpenWrt's own <c>mkhash md5</c> or
/// <c>mkhash sha256</c> (<c>echo $(OPENSSL_OPTIONS) | $(MKHASH) md5</c>), whose output then follows from the text and
/// from that program, there or missing (<see cref="Programs"/>).
/// </summary>
public static class PureCommand
{
    public static bool Is(string command) => Programs(command) is [];

    /// <summary>
    /// The programs named by path whose output a pure command also follows from (none for text alone); null when the
    /// command is not pure.
    /// </summary>
    public static IReadOnlyList<string>? Programs(string command)
    {
        var segments = SplitPipeline(command);
        if (segments is null || segments.Count == 0) return null;
        List<string>? programs = null;
        for (var i = 0; i < segments.Count; i++)
        {
            var words = Words(segments[i]);
            if (words is null || words.Count == 0) return null;
            if (i > 0 && IsDigestProgram(words)) (programs ??= []).Add(words[0].Text);
            else if (!(i == 0 ? IsSource(words) : IsFilter(words))) return null;
        }
        return programs ?? [];
    }

    /// <summary>OpenWrt's mkhash, named by its path, digesting its standard input.</summary>
    private static bool IsDigestProgram(List<(string Text, bool Quoted)> words) =>
        words is [(var program, false), ("md5" or "sha256", _)] && program.StartsWith('/') && !program.Contains('$')
        && program.EndsWith("/mkhash", StringComparison.Ordinal);

    /// <summary>The first command: text made from the command's own words.</summary>
    private static bool IsSource(List<(string Text, bool Quoted)> words) => words[0] switch
    {
        ("echo" or "printf" or "expr", false) => words.Skip(1).All(w => w.Quoted || !w.Text.Contains('$') || IsArithmetic(w.Text)),
        // A shell started to run a pure command (sh -c "echo -n 'X'"): its text is checked as a command of its own.
        ("sh" or "/bin/sh", false) => words is [_, ("-c", false), (var inner, true)] && Is(inner),
        _ => false,
    };

    /// <summary>A later command: reads only its standard input (no file operand, no script that reads or writes files).</summary>
    internal static bool IsFilter(List<(string Text, bool Quoted)> words)
    {
        var arguments = words.Skip(1).ToList();
        return words[0] switch
        {
            ("tr", false) => arguments.All(a => a.Quoted || !a.Text.Contains('$')),
            ("cut", false) => arguments.All(a => a.Text.StartsWith('-')),
            ("sed", false) => arguments.Count > 0 && arguments.All(a => a.Text is "-e" or "-E" or "-r" or "-n" || SedScript.EditsOnlyItsInput(a.Text)),
            // A digest of the standard input (echo '$(CONFIG_...)' | md5sum | cut -c1-32 names a configuration).
            ("md5sum" or "sha1sum" or "sha256sum" or "sha512sum", false) => arguments is [] or [("-", _)],
            _ => false,
        };
    }

    private static bool IsArithmetic(string word) =>
        word.StartsWith("$((", StringComparison.Ordinal) && word.EndsWith("))", StringComparison.Ordinal)
        && word[3..^2].All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '*' or '/' or '%' or ' ' or '(' or ')');

    /// <summary>The command split at | outside quotes; null when it holds anything but plain words, quotes and pipes.</summary>
    internal static List<string>? SplitPipeline(string command)
    {
        var segments = new List<string>();
        var start = 0;
        char quote = '\0';
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else if (quote == '"' && c is '`' or '\\' or '$') return null;
                continue;
            }
            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '|':
                    if (i + 1 < command.Length && command[i + 1] == '|') return null;
                    segments.Add(command[start..i]);
                    start = i + 1;
                    break;
                case ';' or '&' or '<' or '>' or '`' or '\\' or '*' or '?' or '[' or '~' or '#' or '\n':
                    return null;
                case '$':
                    // Only $((...)) of numbers: its * and ( are arithmetic, not globs or subshells.
                    var end = command.IndexOf("))", i, StringComparison.Ordinal);
                    if (!IsArithmeticAt(command, i) || end < 0 || !IsArithmetic(command[i..(end + 2)])) return null;
                    i = end + 1;
                    break;
            }
        }
        if (quote != '\0') return null;
        segments.Add(command[start..]);
        return segments;
    }

    private static bool IsArithmeticAt(string command, int i) => string.CompareOrdinal(command, i, "$((", 0, 3) == 0;

    /// <summary>A segment's words, quotes removed (a quoted word is marked); null for a word mixing quoted and bare text.</summary>
    internal static List<(string Text, bool Quoted)>? Words(string segment)
    {
        var words = new List<(string, bool)>();
        var i = 0;
        while (i < segment.Length)
        {
            if (segment[i] is ' ' or '\t')
            {
                i++;
                continue;
            }
            if (segment[i] is '\'' or '"')
            {
                var close = segment.IndexOf(segment[i], i + 1);
                if (close < 0 || close + 1 < segment.Length && segment[close + 1] is not (' ' or '\t')) return null;
                words.Add((segment[(i + 1)..close], true));
                i = close + 1;
                continue;
            }
            var end = i;
            var depth = 0;
            while (end < segment.Length && (depth > 0 || segment[end] is not (' ' or '\t')))
            {
                if (segment[end] is '\'' or '"') return null;
                depth += segment[end] == '(' ? 1 : segment[end] == ')' ? -1 : 0;
                end++;
            }
            words.Add((segment[i..end], false));
            i = end;
        }
        return words;
    }
}
