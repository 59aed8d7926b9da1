using Kiln.Make.Text;

namespace Kiln.Make.Syntax;

/// <summary>
/// What a logical line says when it is not a recipe line: continuations collapsed, comments and
/// leading whitespace removed, then either an assignment (with modifiers, define or undefine) or a
/// first word and the rest. Computed from the text alone, once per line, and shared.
/// </summary>
internal sealed class LineSyntax
{
    private ConditionalSyntax? _conditional;
    private bool _conditionalDone;
    private RuleLineSyntax? _rule;

    private LineSyntax(AssignmentSyntax? assignment, string firstWord, string rest)
    {
        Assignment = assignment;
        FirstWord = firstWord;
        Rest = rest;
    }

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
        var assignment = AssignmentSyntax.TryParse(collapsed, p);
        if (assignment is not null) return new LineSyntax(assignment, "", "");
        var wordEnd = CharClass.EndOfToken(collapsed, p, collapsed.Length);
        var restStart = CharClass.SkipSpace(collapsed, wordEnd, collapsed.Length);
        return new LineSyntax(null, Word(collapsed.AsSpan(p, wordEnd - p)), collapsed[restStart..]);
    }

    // Directive words are shared rather than cut out of every line again.
    private static readonly string[] Directives =
        ["ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "endef", "include", "-include", "sinclude", "export", "unexport", "vpath"];

    private static string Word(ReadOnlySpan<char> word)
    {
        foreach (var directive in Directives)
            if (word.SequenceEqual(directive)) return directive;
        return word.ToString();
    }

    /// <summary>The line read as a rule (its raw text is needed: rules find ';' and '#' themselves).</summary>
    public RuleLineSyntax Rule(string rawText) => _rule ??= RuleLineSyntax.Analyze(rawText);
}
