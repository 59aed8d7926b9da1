using System.Globalization;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>word, wordlist, words, firstword, lastword, join.</summary>
internal static class WordFunctions
{
    public static void Register(List<MakeFunction> table)
    {
        table.Add(new MakeFunction("word", 2, 2, Word));
        table.Add(new MakeFunction("wordlist", 3, 3, WordList));
        table.Add(new MakeFunction("words", 0, 1, (ev, a, o) => o.Append(Words.Count(a[0]).ToString(CultureInfo.InvariantCulture))));
        table.Add(new MakeFunction("firstword", 0, 1, FirstWord));
        table.Add(new MakeFunction("lastword", 0, 1, LastWord));
        table.Add(new MakeFunction("join", 2, 2, Join));
    }

    private static void Word(Evaluator ev, string[] a, TextBuilder o)
    {
        var n = ParseNumber(ev, a[0], "non-numeric first argument to 'word' function");
        if (n == 0) throw ev.ErrorAtExpansion("first argument to 'word' function must be greater than 0");
        foreach (var word in Words.Enumerate(a[1]))
        {
            if (--n == 0)
            {
                o.Append(word);
                return;
            }
        }
    }

    private static void WordList(Evaluator ev, string[] a, TextBuilder o)
    {
        var start = ParseNumber(ev, a[0], "non-numeric first argument to 'wordlist' function");
        var last = ParseNumber(ev, a[1], "non-numeric second argument to 'wordlist' function");
        if (start < 1) throw ev.ErrorAtExpansion($"invalid first argument to 'wordlist' function: '{start}'");
        var count = last - start + 1;
        if (count <= 0) return;
        var text = a[2];
        var words = Words.Enumerate(text);
        var index = 0;
        int begin = -1, end = -1;
        while (words.MoveNext())
        {
            index++;
            if (index == start) begin = words.Start;
            if (index >= start)
            {
                end = words.End;
                if (index - start + 1 == count) break;
            }
        }
        if (begin >= 0) o.Append(text, begin, end - begin);
    }

    private static void FirstWord(Evaluator ev, string[] a, TextBuilder o)
    {
        foreach (var word in Words.Enumerate(a[0]))
        {
            o.Append(word);
            return;
        }
    }

    private static void LastWord(Evaluator ev, string[] a, TextBuilder o)
    {
        var text = a[0];
        int start = -1, length = 0;
        var words = Words.Enumerate(text);
        while (words.MoveNext())
        {
            start = words.Start;
            length = words.Current.Length;
        }
        if (start >= 0) o.Append(text, start, length);
    }

    private static void Join(Evaluator ev, string[] a, TextBuilder o)
    {
        var left = Words.Enumerate(a[0]);
        var right = Words.Enumerate(a[1]);
        var any = false;
        while (true)
        {
            var hasLeft = left.MoveNext();
            if (hasLeft) o.Append(left.Current);
            var hasRight = right.MoveNext();
            if (hasRight) o.Append(right.Current);
            if (!hasLeft && !hasRight) break;
            o.Append(' ');
            any = true;
        }
        if (any) o.RemoveLast();
    }

    /// <summary>
    /// make's check_numeric then atoi: surrounding whitespace allowed, digits only, at least one;
    /// the value is glibc's strtol (saturating at the long range) cast to int.
    /// </summary>
    private static int ParseNumber(Evaluator ev, string text, string message)
    {
        var (start, end) = Syntax.ExprParser.Trim(text, 0, text.Length);
        if (start == end) throw ev.ErrorAtExpansion($"{message}: '{text}'");
        long value = 0;
        for (var i = start; i < end; i++)
        {
            if (!CharClass.IsDigit(text[i])) throw ev.ErrorAtExpansion($"{message}: '{text}'");
            var digit = text[i] - '0';
            value = value > (long.MaxValue - digit) / 10 ? long.MaxValue : value * 10 + digit;
        }
        return unchecked((int)value);
    }
}
