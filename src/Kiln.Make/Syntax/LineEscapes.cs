using System.Text;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax;

/// <summary>Characters a scan for an unquoted character stops at (a subset of make's stop map).</summary>
[Flags]
internal enum StopChars
{
    None = 0,
    Comment = 1,    // #
    Semicolon = 2,  // ;
    Variable = 4,   // $ : skip over references instead of stopping
    Blank = 8,      // space, tab
    Colon = 16,     // :
}

/// <summary>
/// The backslash rules of a makefile line: continuation lines, comments, and characters quoted
/// with backslashes. Each function returns new text rather than editing in place.
/// </summary>
internal static class LineEscapes
{
    /// <summary>
    /// Joins continued lines outside recipes: an odd run of backslashes before a newline keeps half
    /// of them and, with the whitespace around it, becomes one space; an even run keeps half and the newline.
    /// </summary>
    public static string CollapseContinuations(string line, bool posix = false)
    {
        var nl = line.IndexOf('\n');
        if (nl < 0) return line;
        var sb = new StringBuilder(line.Length);
        var input = 0;
        while (nl >= 0)
        {
            var backslashes = 0;
            for (var j = nl - 1; j >= 0 && line[j] == '\\'; j--) backslashes++;
            // Keep the text before the backslashes, then half of the backslashes.
            sb.Append(line, input, nl - backslashes - input);
            sb.Append('\\', backslashes / 2);
            input = nl + 1;
            if ((backslashes & 1) == 1)
            {
                while (input < line.Length && CharClass.IsBlank(line[input])) input++;
                if (!posix)
                    while (sb.Length > 0 && CharClass.IsBlank(sb[^1])) sb.Length--;
                sb.Append(' ');
            }
            else
            {
                sb.Append('\n');
            }
            nl = line.IndexOf('\n', input);
        }
        sb.Append(line, input, line.Length - input);
        return sb.ToString();
    }

    /// <summary>Cuts the line at the first unquoted '#' outside variable references, unquoting <c>\#</c>.</summary>
    public static string RemoveComments(string line)
    {
        var at = FindMapUnquote(ref line, 0, StopChars.Comment | StopChars.Variable);
        return at < 0 ? line : line[..at];
    }

    /// <summary>
    /// make's find_map_unquote: the index of the first character of <paramref name="stop"/> at or after
    /// <paramref name="start"/> that is not quoted by a backslash, or -1. Backslashes in front of a
    /// stop character are halved in <paramref name="text"/>, as make does; with
    /// <see cref="StopChars.Variable"/> the insides of $(...) and ${...} are skipped.
    /// </summary>
    public static int FindMapUnquote(ref string text, int start, StopChars stop)
    {
        var p = start;
        while (true)
        {
            while (p < text.Length && !IsStop(text[p], stop)) p++;
            if (p >= text.Length) return -1;

            if (text[p] == '$')
            {
                if (p + 1 >= text.Length) return -1;
                var open = text[p + 1];
                p += 2;
                if (open == '(' || open == '{')
                {
                    var close = open == '(' ? ')' : '}';
                    var depth = 1;
                    while (p < text.Length)
                    {
                        var c = text[p];
                        if (c == open) depth++;
                        else if (c == close && --depth == 0)
                        {
                            p++;
                            break;
                        }
                        p++;
                    }
                }
                continue;
            }

            if (p > 0 && text[p - 1] == '\\')
            {
                var found = HalveBackslashes(ref text, ref p);
                if (found) return p;
                p++;
                continue;
            }
            return p;
        }
    }

    /// <summary>make's find_char_unquote: like <see cref="FindMapUnquote"/> for one character, without skipping references.</summary>
    public static int FindCharUnquote(ref string text, int start, char stop)
    {
        var p = start;
        while (true)
        {
            p = text.IndexOf(stop, p);
            if (p < 0) return -1;
            if (p > 0 && text[p - 1] == '\\')
            {
                if (HalveBackslashes(ref text, ref p)) return p;
                p++;
                continue;
            }
            return p;
        }
    }

    /// <summary>
    /// Removes half of the backslashes before <paramref name="p"/> (rounding down what is removed)
    /// and moves <paramref name="p"/> to the same character. True if an even number preceded it
    /// (the character is not quoted).
    /// </summary>
    private static bool HalveBackslashes(ref string text, ref int p)
    {
        var count = 0;
        for (var j = p - 1; j >= 0 && text[j] == '\\'; j--) count++;
        var remove = count - count / 2;
        text = string.Concat(text.AsSpan(0, p - count), text.AsSpan(p - count + remove));
        p -= remove;
        return count % 2 == 0;
    }

    private static bool IsStop(char c, StopChars stop) => c switch
    {
        '#' => (stop & StopChars.Comment) != 0,
        ';' => (stop & StopChars.Semicolon) != 0,
        '$' => (stop & StopChars.Variable) != 0,
        ' ' or '\t' => (stop & StopChars.Blank) != 0,
        ':' => (stop & StopChars.Colon) != 0,
        _ => false,
    };
}
