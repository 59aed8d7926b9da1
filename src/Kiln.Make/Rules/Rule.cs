using Kiln.Core.Errors;
using Kiln.Make.Text;

namespace Kiln.Make.Rules;

/// <summary>
/// A rule as read: its targets, prerequisite text (expanded once, as make does when reading), an
/// optional static-pattern target pattern, and its recipe lines, unexpanded.
/// </summary>
public sealed record Rule(
    IReadOnlyList<string> Targets,
    string Prerequisites,
    string? TargetPattern,
    IReadOnlyList<string> Recipe,
    bool DoubleColon,
    bool Grouped,
    SourceLocation Location,
    int RecipeLine);

/// <summary>The rules of an evaluation, in the order they were read.</summary>
public sealed class RuleSet
{
    private readonly List<Rule> _rules = [];

    public IReadOnlyList<Rule> All => _rules;

    internal void Add(Rule rule) => _rules.Add(rule);

    /// <summary>Rules that name <paramref name="target"/> among their targets.</summary>
    public IEnumerable<Rule> For(string target) => _rules.Where(r => r.Targets.Contains(target));
}
