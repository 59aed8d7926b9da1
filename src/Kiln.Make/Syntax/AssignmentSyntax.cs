using Kiln.Make.Syntax.Expressions;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax;

/// <summary>The operator of an assignment.</summary>
public enum AssignmentOperator
{
    /// <summary><c>=</c></summary>
    Recursive,
    /// <summary><c>:=</c> or <c>::=</c></summary>
    Simple,
    /// <summary><c>+=</c></summary>
    Append,
    /// <summary><c>?=</c></summary>
    Conditional,
    /// <summary><c>!=</c></summary>
    Shell,
}

internal enum AssignmentKind
{
    Plain,
    Define,
    Undefine,
}

/// <summary>
/// <c>NAME OP VALUE</c> as make's parse_variable_definition finds it: the name ends at the first
/// blank or the operator; the value starts after the blanks following the operator and keeps its
/// trailing blanks.
/// </summary>
internal sealed class VariableDefinition
{
    private Expr? _nameExpr;
    private Expr? _valueExpr;

    public VariableDefinition(string nameText, AssignmentOperator op, string valueText)
    {
        NameText = nameText;
        Operator = op;
        ValueText = valueText;
    }

    public string NameText { get; }

    public AssignmentOperator Operator { get; }

    public string ValueText { get; }

    public Expr NameExpr => _nameExpr ??= ExprParser.Parse(NameText);

    public Expr ValueExpr => _valueExpr ??= ExprParser.Parse(ValueText);

    /// <summary>Parses <paramref name="text"/> from <paramref name="start"/>; null when it is not an assignment.</summary>
    public static VariableDefinition? TryParse(string text, int start)
    {
        var p = CharClass.SkipSpace(text, start, text.Length);
        var nameStart = p;
        var nameEnd = -1;
        var sawBlank = false;
        while (true)
        {
            if (p >= text.Length) return null;
            var c = text[p++];
            if (c == '#') return null;
            if (c == '$')
            {
                if (p >= text.Length) return null;
                c = text[p++];
                if (c != '(' && c != '{') continue;
                var close = c == '(' ? ')' : '}';
                for (var depth = 1; p < text.Length; p++)
                {
                    if (text[p] == close && --depth == 0)
                    {
                        p++;
                        break;
                    }
                    if (text[p] == c) depth++;
                }
                continue;
            }
            if (CharClass.IsBlank(c))
            {
                sawBlank = true;
                nameEnd = p - 1;
                p = CharClass.SkipSpace(text, p, text.Length);
                if (p >= text.Length) return null;
                c = text[p++];
            }
            if (c == '=')
            {
                if (nameEnd < 0) nameEnd = p - 1;
                return Make(text, nameStart, nameEnd, AssignmentOperator.Recursive, p);
            }
            if (p < text.Length && text[p] == '=')
            {
                AssignmentOperator? op = c switch
                {
                    ':' => AssignmentOperator.Simple,
                    '+' => AssignmentOperator.Append,
                    '?' => AssignmentOperator.Conditional,
                    '!' => AssignmentOperator.Shell,
                    _ => null,
                };
                if (op is null)
                {
                    if (sawBlank) return null;
                    continue;
                }
                if (nameEnd < 0) nameEnd = p - 1;
                return Make(text, nameStart, nameEnd, op.Value, p + 1);
            }
            if (c == ':')
            {
                if (p + 1 >= text.Length || text[p] != ':' || text[p + 1] != '=') return null;
                if (nameEnd < 0) nameEnd = p - 1;
                return Make(text, nameStart, nameEnd, AssignmentOperator.Simple, p + 2);
            }
            if (sawBlank) return null;
        }
    }

    private static VariableDefinition Make(string text, int nameStart, int nameEnd, AssignmentOperator op, int afterOperator)
    {
        var valueStart = CharClass.SkipSpace(text, afterOperator, text.Length);
        return new VariableDefinition(text[nameStart..nameEnd], op, text[valueStart..]);
    }
}

/// <summary>
/// A line that make's parse_var_assignment accepts: modifiers (export, override, private) followed
/// by an assignment, a <c>define</c> or an <c>undefine</c>.
/// </summary>
internal sealed class AssignmentSyntax
{
    private Expr? _remainderExpr;

    private AssignmentSyntax(AssignmentKind kind, bool export, bool @override, bool @private, VariableDefinition? definition, string remainder)
    {
        Kind = kind;
        Export = export;
        Override = @override;
        Private = @private;
        Definition = definition;
        Remainder = remainder;
    }

    public AssignmentKind Kind { get; }

    public bool Export { get; }

    public bool Override { get; }

    public bool Private { get; }

    /// <summary>For a plain assignment: its parts.</summary>
    public VariableDefinition? Definition { get; }

    /// <summary>For define and undefine: the text after the keyword.</summary>
    public string Remainder { get; }

    public Expr RemainderExpr => _remainderExpr ??= ExprParser.Parse(Remainder);

    public static AssignmentSyntax? TryParse(string text, int start)
    {
        var p = CharClass.SkipSpace(text, start, text.Length);
        if (p >= text.Length) return null;
        bool export = false, @override = false, @private = false;
        while (true)
        {
            var definition = VariableDefinition.TryParse(text, p);
            if (definition is not null)
                return new AssignmentSyntax(AssignmentKind.Plain, export, @override, @private, definition, "");
            var wordEnd = CharClass.EndOfToken(text, p, text.Length);
            var word = text.AsSpan(p, wordEnd - p);
            if (word is "export") export = true;
            else if (word is "override") @override = true;
            else if (word is "private") @private = true;
            else if (word is "define" or "undefine")
            {
                var rest = CharClass.SkipSpace(text, wordEnd, text.Length);
                var kind = word is "define" ? AssignmentKind.Define : AssignmentKind.Undefine;
                return new AssignmentSyntax(kind, export, @override, @private, null, text[rest..]);
            }
            else return null;
            p = CharClass.SkipSpace(text, wordEnd, text.Length);
            if (p >= text.Length) return null;
        }
    }
}
