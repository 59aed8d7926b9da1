using System.Text;

namespace Kiln.Configuration.Generators;

/// <summary>The little rules of Perl's text handling that OpenWrt's metadata scripts lean on.</summary>
internal static class PerlText
{
    /// <summary>Perl's <c>\s</c>.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    /// <summary>Perl's truth of a string: anything but undef, "" and "0".</summary>
    public static bool IsTrue(string? value) => value is { Length: > 0 } and not "0";

    /// <summary>
    /// What <c>/^KEY:\s*(.+)\s*$/</c> captures from the text after the key: leading white space dropped (all but one character of
    /// text that is nothing else), trailing kept; null when nothing is left to capture.
    /// </summary>
    public static string? Capture(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var start = 0;
        while (start < value.Length - 1 && IsSpace(value[start])) start++;
        return value[start..];
    }

    /// <summary><c>split /\s+/</c> of a captured value: its words.</summary>
    public static string[] Words(string? value) =>
        value is null ? [] : value.Split([' ', '\t', '\n', '\r', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Perl's <c>uc</c> of a byte string: ASCII letters only.</summary>
    public static string Upper(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is >= 'a' and <= 'z') chars[i] = (char)(chars[i] - 32);
        return new string(chars);
    }

    /// <summary>
    /// Hash keys as <c>sort {uc($a) cmp uc($b)} keys</c> orders them; names equal but for case (in Perl, in hash order) by their
    /// bytes, so that the text does not change from run to run.
    /// </summary>
    public static List<string> SortedUpper(IEnumerable<string> keys)
    {
        var list = keys.Select(k => (Key: k, Upper: Upper(k))).ToList();
        list.Sort((a, b) => string.CompareOrdinal(a.Upper, b.Upper) is var c && c != 0 ? c : string.CompareOrdinal(a.Key, b.Key));
        return list.ConvertAll(k => k.Key);
    }

    /// <summary>OpenWrt's confstr: '/', '.' and '-' become '_' in a Kconfig symbol.</summary>
    public static string Symbol(string name) => name.Replace('/', '_').Replace('.', '_').Replace('-', '_');

    /// <summary>
    /// A help text as target-metadata.pl indents it (<c>s/^\s*/\t  /mg</c> on lines that each end in a newline): every line's
    /// leading white space, and with it any blank lines before the line, becomes a tab and two spaces; null when the text has
    /// no word character (no help at all).
    /// </summary>
    public static string? IndentedHelp(string lines)
    {
        var hasWord = false;
        foreach (var c in lines)
            if (char.IsAsciiLetterOrDigit(c) || c == '_') { hasWord = true; break; }
        if (!hasWord) return null;
        var text = new StringBuilder();
        var i = 0;
        while (i < lines.Length)
        {
            // At the start of a line (never after the text's final newline): its white space, newlines included, is replaced.
            while (i < lines.Length && IsSpace(lines[i])) i++;
            text.Append("\t  ");
            while (i < lines.Length && lines[i] != '\n') text.Append(lines[i++]);
            if (i < lines.Length) text.Append(lines[i++]);
        }
        return text.ToString();
    }
}
