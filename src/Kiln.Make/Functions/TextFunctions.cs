using System.Buffers;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>subst, patsubst, strip, findstring, filter, filter-out, sort.</summary>
internal static class TextFunctions
{
    public static void Register(List<MakeFunction> table)
    {
        table.Add(new MakeFunction("subst", 3, 3, Subst));
        table.Add(new MakeFunction("patsubst", 3, 3, Patsubst));
        table.Add(new MakeFunction("strip", 0, 1, Strip));
        table.Add(new MakeFunction("findstring", 2, 2, FindString));
        table.Add(new MakeFunction("filter", 2, 2, (ev, a, o) => Filter(a, o, keepMatches: true)));
        table.Add(new MakeFunction("filter-out", 2, 2, (ev, a, o) => Filter(a, o, keepMatches: false)));
        table.Add(new MakeFunction("sort", 0, 1, Sort));
    }

    private static void Subst(Evaluator ev, string[] a, TextBuilder o) => Substitution.Subst(o, a[2], a[0], a[1], byWord: false);

    private static void Patsubst(Evaluator ev, string[] a, TextBuilder o) =>
        Substitution.Patsubst(o, a[2], PercentPattern.Parse(a[0]), PercentPattern.Parse(a[1]));

    private static void Strip(Evaluator ev, string[] a, TextBuilder o) => AppendJoined(o, a[0]);

    private static void FindString(Evaluator ev, string[] a, TextBuilder o)
    {
        if (a[1].Contains(a[0], StringComparison.Ordinal)) o.Append(a[0]);
    }

    private static void Filter(string[] a, TextBuilder o, bool keepMatches)
    {
        // Plain patterns are compared in place: package lists hundreds of words long are filtered
        // for every package, and a string per pattern word would dominate the cost.
        var patternText = a[0];
        var literals = ArrayPool<Range>.Shared.Rent(Math.Max(4, patternText.Length / 2 + 1));
        var literalCount = 0;
        List<PercentPattern>? percentPatterns = null;
        var patterns = Words.Enumerate(patternText);
        while (patterns.MoveNext())
        {
            var range = patterns.Start..patterns.End;
            if (patterns.Current.Contains('%')) (percentPatterns ??= []).Add(PercentPattern.Parse(patternText[range]));
            else literals[literalCount++] = range;
        }
        var any = false;
        foreach (var word in Words.Enumerate(a[1]))
        {
            if (Matches(word, patternText, literals.AsSpan(0, literalCount), percentPatterns) != keepMatches) continue;
            o.Append(word);
            o.Append(' ');
            any = true;
        }
        if (any) o.RemoveLast();
        ArrayPool<Range>.Shared.Return(literals);
    }

    private static bool Matches(ReadOnlySpan<char> word, string patternText, ReadOnlySpan<Range> literals, List<PercentPattern>? percentPatterns)
    {
        foreach (var range in literals)
            if (word.SequenceEqual(patternText.AsSpan(range))) return true;
        if (percentPatterns is null) return false;
        foreach (var pattern in percentPatterns)
            if (pattern.Matches(word)) return true;
        return false;
    }

    private static void Sort(Evaluator ev, string[] a, TextBuilder o)
    {
        var words = Words.Split(a[0]);
        if (words.Count == 0) return;
        words.Sort(MakeOrder);
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0 && words[i] == words[i - 1]) continue;
            if (i > 0) o.Append(' ');
            o.Append(words[i]);
        }
    }

    /// <summary>make's alpha_compare: the first bytes compared as (signed) chars, the rest as strcmp.</summary>
    private static int MakeOrder(string a, string b)
    {
        if (a[0] != b[0]) return (sbyte)a[0] - (sbyte)b[0];
        return string.CompareOrdinal(a, b);
    }

    /// <summary>The words of <paramref name="text"/> separated by single spaces.</summary>
    internal static void AppendJoined(TextBuilder o, string text)
    {
        var first = true;
        foreach (var word in Words.Enumerate(text))
        {
            if (!first) o.Append(' ');
            o.Append(word);
            first = false;
        }
    }
}
