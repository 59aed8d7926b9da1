using Kiln.Make.Syntax.Expressions;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax;

/// <summary>The name part of a <c>define</c> line: <c>define NAME</c> or <c>define NAME OP</c>.</summary>
internal sealed class DefineHeader
{
    private DefineHeader(string nameText, AssignmentOperator op, bool extraText)
    {
        NameExpr = ExprParser.Parse(nameText);
        Operator = op;
        ExtraText = extraText;
    }

    public Expr NameExpr { get; }

    public AssignmentOperator Operator { get; }

    /// <summary>Text after the operator, which make warns about.</summary>
    public bool ExtraText { get; }

    public static DefineHeader Parse(string remainder)
    {
        var definition = VariableDefinition.TryParse(remainder, 0);
        return definition is null
            ? new DefineHeader(remainder, AssignmentOperator.Recursive, extraText: false)
            : new DefineHeader(definition.NameText, definition.Operator, definition.ValueText.Length > 0);
    }
}

/// <summary>
/// The body of a <c>define</c>: the lines up to the matching <c>endef</c> (nested defines
/// counted), each with its continuations collapsed, joined by newlines. Cached per define line.
/// </summary>
internal sealed class DefineBody
{
    private Expr? _textExpr;

    private DefineBody(string text, int endIndex, int[] extraTextLines)
    {
        Text = text;
        EndIndex = endIndex;
        ExtraTextLines = extraTextLines;
    }

    public string Text { get; }

    public Expr TextExpr => _textExpr ??= ExprParser.Parse(Text);

    /// <summary>Index of the closing endef line, or -1 when the text ends first.</summary>
    public int EndIndex { get; }

    /// <summary>Lines with an endef followed by other text (make warns about each).</summary>
    public int[] ExtraTextLines { get; }

    public static DefineBody Read(SourceText source, int defineIndex, char recipePrefix)
    {
        var defineLine = source.Lines[defineIndex];
        if (recipePrefix == '\t' && defineLine.DefineBodyCache is { } cached) return cached;
        var body = Scan(source, defineIndex, recipePrefix);
        if (recipePrefix == '\t') defineLine.DefineBodyCache = body;
        return body;
    }

    [ThreadStatic]
    private static System.Text.StringBuilder? _scratch;

    private static DefineBody Scan(SourceText source, int defineIndex, char recipePrefix)
    {
        var sb = _scratch ??= new System.Text.StringBuilder();
        sb.Clear();
        List<int>? extra = null;
        var levels = 1;
        for (var i = defineIndex + 1; i < source.Lines.Count; i++)
        {
            var line = LineEscapes.CollapseContinuations(source.Lines[i].Text);
            if (line.Length == 0 || line[0] != recipePrefix)
            {
                var p = CharClass.SkipSpace(line, 0, line.Length);
                if (IsKeyword(line, p, "define"))
                {
                    levels++;
                }
                else if (IsKeyword(line, p, "endef"))
                {
                    if (HasTextAfterEndef(line, p + 5)) (extra ??= []).Add(i);
                    if (--levels == 0)
                    {
                        if (sb.Length > 0) sb.Length--;
                        return new DefineBody(sb.ToString(), i, extra?.ToArray() ?? []);
                    }
                }
            }
            sb.Append(line).Append('\n');
        }
        return new DefineBody("", -1, extra?.ToArray() ?? []);
    }

    private static bool HasTextAfterEndef(string line, int start)
    {
        if (CharClass.SkipSpace(line, start, line.Length) == line.Length) return false;
        var rest = LineEscapes.RemoveComments(line[start..]);
        return CharClass.SkipSpace(rest, 0, rest.Length) < rest.Length;
    }

    private static bool IsKeyword(string line, int p, string keyword) =>
        string.CompareOrdinal(line, p, keyword, 0, keyword.Length) == 0 &&
        (line.Length == p + keyword.Length || CharClass.IsBlank(line[p + keyword.Length]));
}
