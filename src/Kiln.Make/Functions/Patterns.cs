using Kiln.Make.Syntax;
using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>A '%' pattern split at its first unquoted '%' (backslashes before quoted ones halved, as make does).</summary>
internal readonly struct PercentPattern
{
    private PercentPattern(string prefix, string suffix, bool hasPercent)
    {
        Prefix = prefix;
        Suffix = suffix;
        HasPercent = hasPercent;
    }

    /// <summary>The text before the '%', or all of it when there is none.</summary>
    public string Prefix { get; }

    public string Suffix { get; }

    public bool HasPercent { get; }

    public static PercentPattern Create(string prefix, string suffix, bool hasPercent) => new(prefix, suffix, hasPercent);

    public static PercentPattern Parse(string text)
    {
        var at = LineEscapes.FindCharUnquote(ref text, 0, '%');
        return at < 0 ? new PercentPattern(text, "", false) : new PercentPattern(text[..at], text[(at + 1)..], true);
    }

    /// <summary>Whether <paramref name="word"/> matches (a pattern with no '%' must equal it).</summary>
    public bool Matches(ReadOnlySpan<char> word)
    {
        if (!HasPercent) return word.SequenceEqual(Prefix);
        return word.Length >= Prefix.Length + Suffix.Length && word.StartsWith(Prefix) && word.EndsWith(Suffix);
    }
}

/// <summary>make's subst_expand and patsubst_expand, shared by subst, patsubst and $(var:a=b).</summary>
internal static class Substitution
{
    /// <summary>Replaces occurrences of <paramref name="from"/>; with <paramref name="byWord"/>, only whole words.</summary>
    public static void Subst(TextBuilder output, string text, string from, string to, bool byWord)
    {
        if (from.Length == 0 && !byWord)
        {
            output.Append(text);
            output.Append(to);
            return;
        }
        var t = 0;
        do
        {
            int p;
            if (byWord && from.Length == 0)
            {
                p = CharClass.EndOfToken(text, CharClass.SkipSpace(text, t, text.Length), text.Length);
            }
            else
            {
                p = text.IndexOf(from, t, StringComparison.Ordinal);
                if (p < 0)
                {
                    output.Append(text, t, text.Length - t);
                    return;
                }
            }
            output.Append(text, t, p - t);
            var after = p + from.Length;
            if (byWord && ((p > 0 && !CharClass.IsSpace(text[p - 1])) || (after < text.Length && !CharClass.IsSpace(text[after]))))
                output.Append(from);
            else
                output.Append(to);
            t = after;
        }
        while (t < text.Length);
    }

    /// <summary>patsubst: each word matching <paramref name="pattern"/> is replaced by <paramref name="replacement"/>.</summary>
    public static void Patsubst(TextBuilder output, string text, PercentPattern pattern, PercentPattern replacement)
    {
        if (!pattern.HasPercent)
        {
            Subst(output, text, pattern.Prefix, replacement.HasPercent ? replacement.Prefix + "%" + replacement.Suffix : replacement.Prefix,
                byWord: true);
            return;
        }
        var any = false;
        foreach (var word in Words.Enumerate(text))
        {
            var matched = pattern.Matches(word);
            if (!matched)
            {
                output.Append(word);
            }
            else
            {
                output.Append(replacement.Prefix);
                if (replacement.HasPercent)
                {
                    output.Append(word[pattern.Prefix.Length..(word.Length - pattern.Suffix.Length)]);
                    output.Append(replacement.Suffix);
                }
            }
            if (!matched || replacement.Prefix.Length > 0 || replacement.HasPercent)
            {
                output.Append(' ');
                any = true;
            }
        }
        if (any) output.RemoveLast();
    }
}
