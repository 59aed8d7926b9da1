using Kiln.Make.Syntax.Expressions;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax;

/// <summary>Kinds of "makefile word" (make's get_next_mword).</summary>
internal enum MakeWordType
{
    EndOfLine,
    Static,
    Variable,
    Colon,
    DoubleColon,
    AmpersandColon,
    AmpersandDoubleColon,
    Semicolon,
    Assignment,
}

internal readonly record struct MakeWord(MakeWordType Type, int Start, int Length);

/// <summary>
/// The static part of a rule line: the text before an unquoted ';' or '#', with continuations
/// collapsed, cut into make's words; and the recipe text after a ';'. Expansion happens word by
/// word at evaluation time, because a target-specific assignment must not be expanded.
/// </summary>
internal sealed class RuleLineSyntax
{
    private readonly Expr?[] _wordExprs;
    private readonly Expr?[] _dependencyExprs;

    private RuleLineSyntax(string line, string? recipe, MakeWord[] words)
    {
        Line = line;
        Recipe = recipe;
        Words = words;
        _wordExprs = new Expr?[words.Length];
        _dependencyExprs = new Expr?[words.Length + 1];
    }

    /// <summary>The rule part of the line (before ';' or '#'), continuations collapsed.</summary>
    public string Line { get; }

    /// <summary>The raw text after an unquoted ';', or null.</summary>
    public string? Recipe { get; }

    /// <summary>The words of <see cref="Line"/>, ending with an end-of-line word.</summary>
    public MakeWord[] Words { get; }

    public Expr WordExpr(int index) =>
        _wordExprs[index] ??= ExprParser.Parse(Line.Substring(Words[index].Start, Words[index].Length));

    /// <summary>The unexpanded text after word <paramref name="index"/> (all of it after the last word).</summary>
    public string Remainder(int index) => index < 0 ? Line : Line[(Words[index].Start + Words[index].Length)..];

    /// <summary>The remainder after word <paramref name="index"/> as prerequisites: '=' unquoted, then parsed.</summary>
    public Expr DependencyExpr(int index)
    {
        return _dependencyExprs[index + 1] ??= Parse(Remainder(index));

        static Expr Parse(string text)
        {
            LineEscapes.FindCharUnquote(ref text, 0, '=');
            return ExprParser.Parse(text);
        }
    }

    public static RuleLineSyntax Analyze(string rawLine)
    {
        var line = rawLine;
        string? recipe = null;
        var cut = LineEscapes.FindMapUnquote(ref line, 0, StopChars.Semicolon | StopChars.Comment | StopChars.Variable);
        if (cut >= 0)
        {
            if (line[cut] == ';') recipe = line[(cut + 1)..];
            line = line[..cut];
        }
        line = LineEscapes.CollapseContinuations(line);

        var words = new List<MakeWord>();
        var p = 0;
        while (true)
        {
            var word = NextWord(line, p);
            words.Add(word);
            if (word.Type == MakeWordType.EndOfLine) break;
            p = word.Start + word.Length;
        }
        return new RuleLineSyntax(line, recipe, words.ToArray());
    }

    /// <summary>make's get_next_mword: the next word of a rule line from <paramref name="start"/>.</summary>
    public static MakeWord NextWord(string s, int start)
    {
        var p = CharClass.SkipBlank(s, start, s.Length);
        var begin = p;
        char At(int i) => i < s.Length ? s[i] : '\0';

        var c = At(p++);
        switch (c)
        {
            case '\0':
                return new MakeWord(MakeWordType.EndOfLine, begin, 0);
            case ';':
                return new MakeWord(MakeWordType.Semicolon, begin, 1);
            case '=':
                return new MakeWord(MakeWordType.Assignment, begin, 1);
            case ':':
                if (At(p) == '=') return new MakeWord(MakeWordType.Assignment, begin, 2);
                if (At(p) == ':')
                {
                    p++;
                    if (At(p + 1) == '=') return new MakeWord(MakeWordType.Assignment, begin, 3);
                    return new MakeWord(MakeWordType.DoubleColon, begin, 2);
                }
                return new MakeWord(MakeWordType.Colon, begin, 1);
            case '&':
                if (At(p) == ':')
                {
                    p++;
                    if (At(p) != ':') return new MakeWord(MakeWordType.AmpersandColon, begin, 2);
                    return new MakeWord(MakeWordType.AmpersandDoubleColon, begin, 3);
                }
                break;
            case '+':
            case '?':
            case '!':
                if (At(p) == '=') return new MakeWord(MakeWordType.Assignment, begin, 2);
                break;
        }

        var type = MakeWordType.Static;
        while (true)
        {
            switch (c)
            {
                case '\0':
                case ' ':
                case '\t':
                case '=':
                case ':':
                    return new MakeWord(type, begin, p - 1 - begin);
                case '$':
                    c = At(p++);
                    if (c == '$') break;
                    if (c == '\0') return new MakeWord(type, begin, p - 1 - begin);
                    type = MakeWordType.Variable;
                    if (c == '(' || c == '{')
                    {
                        var close = c == '(' ? ')' : '}';
                        for (var depth = 0; p < s.Length; p++)
                        {
                            if (s[p] == c) depth++;
                            else if (s[p] == close && --depth < 0)
                            {
                                p++;
                                break;
                            }
                        }
                    }
                    break;
                case '?':
                case '+':
                    if (At(p) == '=') return new MakeWord(type, begin, p - 1 - begin);
                    break;
                case '\\':
                    if (At(p) is ':' or ';' or '=' or '\\') p++;
                    break;
                case '&':
                    if (At(p) == ':') return new MakeWord(type, begin, p - 1 - begin);
                    break;
            }
            c = At(p++);
        }
    }
}
