using Kiln.Make.Text;

namespace Kiln.Make.Syntax;

/// <summary>
/// What a logical line says when it is not a recipe line: continuations collapsed and comments
/// removed, then either an assignment (with modifiers, define or undefine) or a first word and the
/// rest. Computed from the text alone, once per line, and shared.
/// </summary>
internal sealed class LineSyntax
{
    private ConditionalSyntax? _conditional;
    private bool _conditionalDone;
    private RuleLineSyntax? _rule;

    private LineSyntax(string statement, AssignmentSyntax? assignment, string firstWord, string rest)
    {
        Statement = statement;
        Assignment = assignment;
        FirstWord = firstWord;
        Rest = rest;
    }

    /// <summary>The line with continuations collapsed, comments removed and leading whitespace skipped.</summary>
    public string Statement { get; }

    public AssignmentSyntax? Assignment { get; }

    /// <summary>The first word, when the line is not an assignment ("" for an empty line).</summary>
    public string FirstWord { get; }

    /// <summary>The text after the first word and the whitespace that follows it.</summary>
    public string Rest { get; }

    public bool IsEmpty => Assignment is null && FirstWord.Length == 0;

    /// <summary>The conditional directive this line is, if its first word is one.</summary>
    public ConditionalSyntax? Conditional
    {
        get
        {
            // Shared across threads: the flag is published after the value it guards.
            if (!Volatile.Read(ref _conditionalDone))
            {
                _conditional = ConditionalSyntax.TryParse(FirstWord, Rest);
                Volatile.Write(ref _conditionalDone, true);
            }
            return _conditional;
        }
    }

    public static LineSyntax Analyze(string text)
    {
        var collapsed = LineEscapes.RemoveComments(LineEscapes.CollapseContinuations(text));
        var p = CharClass.SkipSpace(collapsed, 0, collapsed.Length);
        var statement = p == 0 ? collapsed : collapsed[p..];
        var assignment = AssignmentSyntax.TryParse(statement, 0);
        if (assignment is not null) return new LineSyntax(statement, assignment, "", "");
        var wordEnd = CharClass.EndOfToken(statement, 0, statement.Length);
        var restStart = CharClass.SkipSpace(statement, wordEnd, statement.Length);
        return new LineSyntax(statement, null, statement[..wordEnd], statement[restStart..]);
    }

    /// <summary>The line read as a rule (its raw text is needed: rules find ';' and '#' themselves).</summary>
    public RuleLineSyntax Rule(string rawText) => _rule ??= RuleLineSyntax.Analyze(rawText);
}
