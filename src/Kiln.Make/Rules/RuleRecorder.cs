using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Rules;

/// <summary>
/// Enters finished rules into the rule set with the checks make's record_files makes while
/// reading: recipe overrides, mixed ':' and '::', static patterns that do not match.
/// </summary>
internal sealed class RuleRecorder
{
    private readonly Dictionary<string, TargetRecord> _targets = new(StringComparer.Ordinal);

    public void Record(Evaluator ev, PendingRule pending)
    {
        var at = pending.Location;
        var hasRecipe = pending.Recipe.Count > 0;
        var recipeAt = new SourceLocation(at.File, pending.RecipeLine);
        if (!hasRecipe && pending.Grouped) throw new UserError(at, "grouped targets must provide a recipe");

        var first = pending.Targets[0];
        var isPatternRule = HasUnquotedPercent(first);
        if (isPatternRule)
        {
            if (pending.Pattern is not null) throw new UserError(at, "mixed implicit and static pattern rules");
            foreach (var t in pending.Targets.Skip(1))
                if (!HasUnquotedPercent(t)) throw new UserError(at, "mixed implicit and normal rules");
        }
        else
        {
            for (var i = 0; i < pending.Targets.Count; i++)
            {
                var name = pending.Targets[i];
                if (i > 0 && HasUnquotedPercent(name)) ev.Warn(at, "*** mixed implicit and normal rules: deprecated syntax");
                if (pending.Pattern is not null && !Functions.PercentPattern.Parse(pending.Pattern).Matches(name))
                    ev.Warn(at, $"target '{name}' doesn't match the target pattern");
                _targets.TryGetValue(name, out var record);
                if (!pending.DoubleColon)
                {
                    if (record is { DoubleColon: true }) throw new UserError(at, $"target file '{name}' has both : and :: entries");
                    if (hasRecipe && record?.RecipeAt is { } old && record.RecipeRule != pending)
                    {
                        ev.Warn(recipeAt, $"warning: overriding recipe for target '{name}'");
                        ev.Warn(old, $"warning: ignoring old recipe for target '{name}'");
                    }
                    else if (hasRecipe && record?.RecipeRule == pending)
                    {
                        ev.Warn(at, $"target '{name}' given more than once in the same rule");
                    }
                    record ??= new TargetRecord();
                    if (hasRecipe)
                    {
                        record.RecipeAt = recipeAt;
                        record.RecipeRule = pending;
                    }
                }
                else
                {
                    if (record is { DoubleColon: false }) throw new UserError(at, $"target file '{name}' has both : and :: entries");
                    record ??= new TargetRecord { DoubleColon = true };
                }
                _targets[name] = record;
            }
        }

        ev.Rules.Add(new Rule(pending.Targets, pending.Prerequisites, pending.Pattern, pending.Recipe.ToArray(),
            pending.DoubleColon, pending.Grouped, at, pending.RecipeLine));
    }

    /// <summary>A copy whose later records do not change this one's.</summary>
    public RuleRecorder Copy()
    {
        var copy = new RuleRecorder();
        copy.CopyFrom(this);
        return copy;
    }

    /// <summary>Makes this recorder know the targets <paramref name="source"/> knows, and no others.</summary>
    public void CopyFrom(RuleRecorder source)
    {
        _targets.Clear();
        foreach (var (name, record) in source._targets)
            _targets.Add(name, new TargetRecord { DoubleColon = record.DoubleColon, RecipeAt = record.RecipeAt, RecipeRule = record.RecipeRule });
    }

    private static bool HasUnquotedPercent(string name)
    {
        var copy = name;
        return Syntax.LineEscapes.FindCharUnquote(ref copy, 0, '%') >= 0;
    }

    private sealed class TargetRecord
    {
        public bool DoubleColon { get; init; }

        public SourceLocation? RecipeAt { get; set; }

        public PendingRule? RecipeRule { get; set; }
    }
}
