using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Text;

namespace Kiln.Make.Evaluation;

/// <summary>
/// The first checks make makes before building: which goals to make, and whether there is any
/// way to make them. Recipes are not run.
/// </summary>
public static class Goals
{
    /// <summary>The goals: those named on the command line, else .DEFAULT_GOAL; fails like make when there are none or one cannot be made.</summary>
    public static IReadOnlyList<string> Check(Evaluator ev)
    {
        var goals = ev.Options.Goals.Count > 0 ? ev.Options.Goals : DefaultGoal(ev);
        if (ev.Options.Goals.Count == 0 && goals.Count > 1)
            throw new UserError(SourceLocation.None, ".DEFAULT_GOAL contains more than one target");
        if (goals.Count == 0) throw new UserError(SourceLocation.None, "No targets");
        foreach (var goal in goals)
        {
            if (ev.Rules.For(goal).Any() || HasPatternRuleFor(ev, goal)) continue;
            if (File.Exists(ev.ResolvePath(goal)) || Directory.Exists(ev.ResolvePath(goal))) continue;
            throw new UserError(SourceLocation.None, $"No rule to make target '{goal}'");
        }
        return goals;
    }

    private static IReadOnlyList<string> DefaultGoal(Evaluator ev)
    {
        var value = ev.ValueOf(".DEFAULT_GOAL") ?? "";
        return Words.Split(value);
    }

    private static bool HasPatternRuleFor(Evaluator ev, string goal) =>
        ev.Rules.All.Any(r => r.Targets.Any(t => t.Contains('%') && Functions.PercentPattern.Parse(t).Matches(goal) && r.Recipe.Count > 0));
}
