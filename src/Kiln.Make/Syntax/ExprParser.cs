using Kiln.Make.Functions;
using Kiln.Make.Syntax.Expressions;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax;

/// <summary>
/// Parses text for expansion, following make's variable_expand_string character for character:
/// where make would stop with an error, the tree holds an <see cref="ErrorExpr"/> at that point.
/// </summary>
public static class ExprParser
{
    public static Expr Parse(string text) => Parse(text, 0, text.Length);

    /// <summary>Parses <c>text[start..end)</c> as if it were a whole string (make copies arguments out before expanding them).</summary>
    public static Expr Parse(string text, int start, int end)
    {
        var dollar = text.IndexOf('$', start, end - start);
        if (dollar < 0)
            return start == end ? LiteralExpr.Empty : new LiteralExpr(start == 0 && end == text.Length ? text : text[start..end]);
        var parts = new PartList();
        ParseInto(text, start, end, dollar, ref parts);
        return parts.Build();
    }

    private static void ParseInto(string s, int i, int end, int dollar, ref PartList parts)
    {
        while (true)
        {
            if (dollar < 0)
            {
                parts.AddLiteral(s, i, end);
                return;
            }
            parts.AddLiteral(s, i, dollar);
            var p = dollar + 1;
            if (p >= end)
            {
                // A '$' at the very end stands for itself.
                parts.AddLiteral("$");
                return;
            }
            var c = s[p];
            if (c == '$')
            {
                parts.AddLiteral("$");
                i = p + 1;
            }
            else if (c == '(' || c == '{')
            {
                var next = ParseReference(s, p, end, ref parts);
                if (next < 0) return;
                i = next;
            }
            else
            {
                parts.Add(new VariableRefExpr(Intern(s, p, 1)));
                i = p + 1;
            }
            dollar = i < end ? s.IndexOf('$', i, end - i) : -1;
        }
    }

    /// <summary>Parses the reference whose opening paren is at <paramref name="open"/>; returns where scanning resumes, or -1 to stop.</summary>
    private static int ParseReference(string s, int open, int end, ref PartList parts)
    {
        var openParen = s[open];
        var nameEnd = FunctionNameEnd(s, open, end);
        if (nameEnd < 0) return ParseVariableReference(s, open, end, ref parts);
        var argsStart = CharClass.SkipSpace(s, nameEnd, end);
        var argsEnd = ArgumentsEnd(s, argsStart, end, openParen);
        if (FunctionTable.Find(s.AsSpan(open + 1, nameEnd - open - 1)) is { } function)
        {
            if (argsEnd < 0)
            {
                parts.Add(new ErrorExpr($"unterminated call to function '{function.Name}': missing '{(openParen == '(' ? ')' : '}')}'"));
                return -1;
            }
            parts.Add(new FunctionCallExpr(function, ParseArguments(function, s, argsStart, argsEnd, openParen)));
            return argsEnd + 1;
        }
        if (argsEnd >= 0)
        {
            // Whether this is a call depends on the evaluator's own functions: keep both readings.
            var reference = new PartList();
            var next = ParseVariableReference(s, open, end, ref reference);
            if (next == argsEnd + 1)
            {
                parts.Add(new ExtensionCallExpr(NameTable.Intern(s[(open + 1)..nameEnd]), s[argsStart..argsEnd], openParen, reference.Build()));
                return next;
            }
        }
        return ParseVariableReference(s, open, end, ref parts);
    }

    /// <summary>A variable reference (not a function call) whose opening paren is at <paramref name="open"/>.</summary>
    private static int ParseVariableReference(string s, int open, int end, ref PartList parts)
    {
        var openParen = s[open];
        var closeParen = openParen == '(' ? ')' : '}';

        var begin = open + 1;
        var close = s.IndexOf(closeParen, begin, end - begin);
        if (close < 0)
        {
            parts.Add(new ErrorExpr("unterminated variable reference"));
            return -1;
        }
        if (s.IndexOf('$', begin, close - begin) >= 0)
        {
            var depth = 0;
            var q = begin;
            for (; q < end; q++)
            {
                var c = s[q];
                if (c == openParen) depth++;
                else if (c == closeParen && --depth < 0) break;
            }
            if (depth < 0)
            {
                parts.Add(new ComputedRefExpr(Parse(s, begin, q)));
                return q + 1;
            }
            // Unbalanced, as in "$($(a)": make reads a name up to the first close paren and
            // then stops scanning the text altogether.
            parts.Add(StaticReference(s.Substring(begin, close - begin)));
            return -1;
        }
        parts.Add(StaticReference(s.Substring(begin, close - begin)));
        return close + 1;
    }

    /// <summary>A reference whose name needs no expansion: plain, or a substitution reference if it has ':' then '='.</summary>
    internal static Expr StaticReference(string name)
    {
        var colon = name.IndexOf(':');
        if (colon >= 0)
        {
            var equals = name.IndexOf('=', colon + 1);
            if (equals >= 0)
                return new SubstitutionRefExpr(NameTable.Intern(name[..colon]), name[(colon + 1)..equals], name[(equals + 1)..]);
        }
        return new VariableRefExpr(NameTable.Intern(name));
    }

    /// <summary>Where a word that could name a function ends (a space follows it), or -1.</summary>
    private static int FunctionNameEnd(string s, int open, int end)
    {
        var e = open + 1;
        while (e < end && CharClass.IsFunctionNameChar(s[e])) e++;
        return e == open + 1 || (e < end && !CharClass.IsSpace(s[e])) ? -1 : e;
    }

    /// <summary>Where the arguments after a function name end: the matching close paren, or -1.</summary>
    private static int ArgumentsEnd(string s, int argsStart, int end, char openParen)
    {
        var closeParen = openParen == '(' ? ')' : '}';
        var depth = 0;
        for (var p = argsStart; p < end; p++)
        {
            var c = s[p];
            if (c == openParen) depth++;
            else if (c == closeParen && --depth < 0) return p;
        }
        return -1;
    }

    /// <summary>The arguments of a function call, split and trimmed as <paramref name="function"/> takes them.</summary>
    internal static Expr[] ParseArguments(MakeFunction function, string s, int argsStart, int argsEnd, char openParen)
    {
        var closeParen = openParen == '(' ? ')' : '}';
        var arguments = SplitArguments(s, argsStart, argsEnd, openParen, closeParen, function.MaxArgs);
        var parsed = new Expr[arguments.Count];
        for (var n = 0; n < parsed.Length; n++)
        {
            var (a, b) = arguments[n];
            if (function.TrimsArgument(n))
                (a, b) = Trim(s, a, b);
            parsed[n] = Parse(s, a, b);
        }
        return parsed;
    }

    /// <summary>
    /// The arguments of a <c>$(call NAME,ARGS)</c> written in a makefile, ARGS given as text: split at the commas outside
    /// parentheses, as make splits them (for a reader of makefile text that does not evaluate it).
    /// </summary>
    public static List<string> CallArguments(string text) =>
        SplitArguments(text, 0, text.Length, '(', ')', int.MaxValue).Select(a => text[a.Start..a.End]).ToList();

    /// <summary>Splits <c>s[start..end)</c> at top-level commas; the last allowed argument takes the rest.</summary>
    internal static List<(int Start, int End)> SplitArguments(string s, int start, int end, char openParen, char closeParen, int maxArgs)
    {
        var list = new List<(int, int)>();
        var p = start;
        while (p <= end)
        {
            var next = list.Count + 1 == maxArgs ? end : FindNextArgument(s, p, end, openParen, closeParen);
            if (next < 0) next = end;
            list.Add((p, next));
            p = next + 1;
        }
        return list;
    }

    private static int FindNextArgument(string s, int p, int end, char openParen, char closeParen)
    {
        var depth = 0;
        for (; p < end; p++)
        {
            var c = s[p];
            if (c == openParen) depth++;
            else if (c == closeParen)
            {
                if (--depth < 0) return -1;
            }
            else if (c == ',' && depth == 0) return p;
        }
        return -1;
    }

    internal static (int Start, int End) Trim(string s, int start, int end)
    {
        while (start < end && CharClass.IsSpace(s[start])) start++;
        while (end > start && CharClass.IsSpace(s[end - 1])) end--;
        return (start, end);
    }

    private static string Intern(string s, int start, int length) => NameTable.Intern(s.Substring(start, length));

    /// <summary>Collects parts, merging adjacent literals.</summary>
    private struct PartList
    {
        private List<Expr>? _parts;
        private System.Text.StringBuilder? _literal;

        public void AddLiteral(string s, int start, int end)
        {
            if (end <= start) return;
            (_literal ??= new System.Text.StringBuilder()).Append(s, start, end - start);
        }

        public void AddLiteral(string text) => (_literal ??= new System.Text.StringBuilder()).Append(text);

        public void Add(Expr expr)
        {
            FlushLiteral();
            (_parts ??= []).Add(expr);
        }

        public Expr Build()
        {
            FlushLiteral();
            if (_parts is null) return LiteralExpr.Empty;
            return _parts.Count == 1 ? _parts[0] : new SequenceExpr(_parts.ToArray());
        }

        private void FlushLiteral()
        {
            if (_literal is null || _literal.Length == 0) return;
            (_parts ??= []).Add(new LiteralExpr(_literal.ToString()));
            _literal.Clear();
        }
    }
}
