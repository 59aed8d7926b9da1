using Kiln.Core.Errors;
using Kiln.Lint.Rules;

namespace Kiln.Lint.Findings;

/// <summary>One finding: the rule, where (a file relative to the tree, and a line; 0 for the whole file), and what is wrong and how to fix it.</summary>
public sealed record Finding(LintRule Rule, SourceLocation Location, string Message)
{
    /// <summary>The rule's severity, unless the finding is less sure than the rule (a feed the lint cannot see, say).</summary>
    public Severity Severity { get; init; } = Rule.Severity;

    /// <summary>As compilers print it: <c>FILE:LINE: warning: [ID] MESSAGE</c>, one line (a tool's several lines quoted in the message joined by "; ").</summary>
    public override string ToString() =>
        $"{Location.File}{(Location.Line > 0 ? $":{Location.Line}" : "")}: {Severity.Word()}: [{Rule.Id}] {Message.ReplaceLineEndings("; ")}";
}
