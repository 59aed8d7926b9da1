using Kiln.Make.Syntax.Expressions;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax;

internal enum ConditionalKind
{
    Ifdef,
    Ifndef,
    Ifeq,
    Ifneq,
    Else,
    Endif,
}

/// <summary>
/// A conditional directive split as make's conditional_line splits it. Only the splitting is
/// done here; whether it is evaluated depends on the reader's state.
/// </summary>
internal sealed class ConditionalSyntax
{
    private ConditionalSyntax(ConditionalKind kind) => Kind = kind;

    public ConditionalKind Kind { get; private init; }

    public string Keyword => Kind switch
    {
        ConditionalKind.Ifdef => "ifdef",
        ConditionalKind.Ifndef => "ifndef",
        ConditionalKind.Ifeq => "ifeq",
        ConditionalKind.Ifneq => "ifneq",
        ConditionalKind.Else => "else",
        _ => "endif",
    };

    /// <summary>For ifeq/ifdef: the arguments cannot be parsed ("invalid syntax in conditional").</summary>
    public bool Invalid { get; private init; }

    /// <summary>Text after the directive that make warns about (endif, ifeq).</summary>
    public bool ExtraText { get; private init; }

    /// <summary>ifdef/ifndef: the variable name text; ifeq/ifneq: the first argument.</summary>
    public Expr? Left { get; private init; }

    /// <summary>ifeq/ifneq: the second argument.</summary>
    public Expr? Right { get; private init; }

    /// <summary>else: the text after it, if any.</summary>
    public bool HasTail { get; private init; }

    /// <summary>else: the conditional following it, or null when the tail is not a usable conditional.</summary>
    public ConditionalSyntax? Chained { get; private init; }

    /// <summary>Classifies <paramref name="word"/>; returns null if it is not a conditional keyword.</summary>
    public static ConditionalSyntax? TryParse(string word, string rest)
    {
        ConditionalKind kind;
        switch (word)
        {
            case "ifdef": kind = ConditionalKind.Ifdef; break;
            case "ifndef": kind = ConditionalKind.Ifndef; break;
            case "ifeq": kind = ConditionalKind.Ifeq; break;
            case "ifneq": kind = ConditionalKind.Ifneq; break;
            case "else": kind = ConditionalKind.Else; break;
            case "endif": kind = ConditionalKind.Endif; break;
            default: return null;
        }
        return kind switch
        {
            ConditionalKind.Endif => new ConditionalSyntax(kind) { ExtraText = rest.Length > 0 },
            ConditionalKind.Else => ParseElse(rest),
            ConditionalKind.Ifdef or ConditionalKind.Ifndef => new ConditionalSyntax(kind) { Left = ExprParser.Parse(rest) },
            _ => ParseEquality(kind, rest),
        };
    }

    private static ConditionalSyntax ParseElse(string rest)
    {
        if (rest.Length == 0) return new ConditionalSyntax(ConditionalKind.Else);
        // make takes the word from the second character on, so a one-character word still counts.
        var end = 1;
        while (end < rest.Length && !CharClass.IsSpace(rest[end])) end++;
        var word = rest[..end];
        var tail = CharClass.SkipSpace(rest, end, rest.Length);
        var chained = word is "else" or "endif" ? null : TryParse(word, rest[tail..]);
        return new ConditionalSyntax(ConditionalKind.Else) { HasTail = true, Chained = chained };
    }

    private static ConditionalSyntax ParseEquality(ConditionalKind kind, string line)
    {
        var invalid = new ConditionalSyntax(kind) { Invalid = true };
        if (line.Length == 0) return invalid;
        var termin = line[0] == '(' ? ',' : line[0];
        if (termin != ',' && termin != '"' && termin != '\'') return invalid;

        var p = 1;
        var s1Start = p;
        if (termin == ',')
        {
            var depth = 0;
            for (; p < line.Length; p++)
            {
                var c = line[p];
                if (c == '(') depth++;
                else if (c == ')') depth--;
                else if (c == ',' && depth <= 0) break;
            }
        }
        else
        {
            while (p < line.Length && line[p] != termin) p++;
        }
        if (p >= line.Length) return invalid;

        string s1;
        if (termin == ',')
        {
            var e = p;
            while (e > s1Start && CharClass.IsBlank(line[e - 1])) e--;
            s1 = line[s1Start..e];
        }
        else
        {
            s1 = line[s1Start..p];
        }
        p++;

        if (termin != ',') p = CharClass.SkipSpace(line, p, line.Length);
        termin = termin == ',' ? ')' : (p < line.Length ? line[p] : '\0');
        if (termin != ')' && termin != '"' && termin != '\'') return invalid;

        int s2Start;
        if (termin == ')')
        {
            var depth = 0;
            s2Start = CharClass.SkipSpace(line, p, line.Length);
            for (p = s2Start; p < line.Length; p++)
            {
                var c = line[p];
                if (c == '(') depth++;
                else if (c == ')')
                {
                    if (depth <= 0) break;
                    depth--;
                }
            }
        }
        else
        {
            p++;
            s2Start = p;
            while (p < line.Length && line[p] != termin) p++;
        }
        if (p >= line.Length) return invalid;

        var s2 = line[s2Start..p];
        var after = CharClass.SkipSpace(line, p + 1, line.Length);
        return new ConditionalSyntax(kind)
        {
            Left = ExprParser.Parse(s1),
            Right = ExprParser.Parse(s2),
            ExtraText = after < line.Length,
        };
    }
}
