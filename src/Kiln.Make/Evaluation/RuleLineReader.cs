using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Rules;
using Kiln.Make.Syntax;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

/// <summary>
/// Reads rule lines for one makefile or eval text: expands word by word up to the first colon
/// (so a target-specific assignment stays unexpanded), then records targets, prerequisites,
/// recipe lines and target-specific variables, and sets the default goal.
/// </summary>
internal sealed class RuleLineReader(Evaluator ev, bool setDefaultGoal)
{
    private PendingRule? _pending;

    /// <summary>Set after a rule line without targets: its recipe lines are ignored.</summary>
    public bool NoTargets { get; private set; }

    public bool HasPendingRule => _pending is not null;

    public void AddRecipeLine(string text, int line)
    {
        if (_pending!.Recipe.Count == 0) _pending.RecipeLine = line;
        _pending.Recipe.Add(text);
    }

    /// <summary>make's record_waiting_files: a new construct ends the rule being collected.</summary>
    public void RecordWaitingRule()
    {
        if (_pending is not null)
        {
            ev.RecordRule(_pending);
            _pending = null;
        }
        NoTargets = false;
    }

    public void Read(LogicalLine line, SourceLocation at)
    {
        RecordWaitingRule();
        var syntax = line.Syntax.Rule(line.Text);
        var words = syntax.Words;
        var recipe = syntax.Recipe;

        switch (words[0].Type)
        {
            case MakeWordType.EndOfLine:
                if (recipe is not null) throw new UserError(at, "missing rule before recipe");
                return;
            case MakeWordType.Colon:
            case MakeWordType.DoubleColon:
            case MakeWordType.AmpersandColon:
            case MakeWordType.AmpersandDoubleColon:
                NoTargets = true;
                return;
        }

        // Expand words until an unquoted colon shows up in the expansion.
        var text = ev.ExpandToString(syntax.WordExpr(0));
        var segment = 0;
        var last = 0;
        var lastType = words[0].Type;
        var consumedAll = false;
        var colon = -1;
        while (true)
        {
            if (recipe is null)
            {
                var part = text[segment..];
                var semicolon = LineEscapes.FindCharUnquote(ref part, 0, ';');
                text = text[..segment] + part;
                if (semicolon >= 0)
                {
                    recipe = part[(semicolon + 1)..] + ev.ExpandToString(ExprParser.Parse(syntax.Remainder(last)));
                    text = text[..(segment + semicolon)];
                    consumedAll = true;
                }
            }
            var rest = text[segment..];
            var found = LineEscapes.FindCharUnquote(ref rest, 0, ':');
            text = text[..segment] + rest;
            if (found >= 0)
            {
                colon = segment + found;
                if (colon > segment && text[colon - 1] == '&') colon--;
                break;
            }
            if (consumedAll)
            {
                lastType = MakeWordType.EndOfLine;
                break;
            }
            last++;
            lastType = words[last].Type;
            if (lastType == MakeWordType.EndOfLine) break;
            text += " ";
            segment = text.Length;
            text += ev.ExpandToString(syntax.WordExpr(last));
        }

        if (lastType == MakeWordType.EndOfLine)
        {
            if (Words.IsBlank(text)) return;
            var tabHint = ev.RecipePrefix == '\t' && syntax.Line.StartsWith("        ", StringComparison.Ordinal);
            throw new UserError(at, tabHint ? "missing separator (did you mean TAB instead of 8 spaces?)" : "missing separator");
        }

        var grouped = text[colon] == '&';
        var targets = FileNames.Parse(text[..colon], ev);
        if (targets.Count == 0)
        {
            NoTargets = true;
            return;
        }
        var afterColon = colon + (grouped ? 2 : 1);
        var doubleColon = afterColon < text.Length && text[afterColon] == ':';
        if (doubleColon) afterColon++;

        var remainder = consumedAll ? "" : syntax.Remainder(last);
        var tail = text[afterColon..];
        var assignment = AssignmentSyntax.TryParse(tail + remainder, 0);
        if (assignment is not null && assignment.Kind == AssignmentKind.Plain)
        {
            // A ';' cut from the line belongs to the value of a target-specific variable.
            if (syntax.Recipe is not null)
                assignment = AssignmentSyntax.TryParse(tail + remainder + ";" + LineEscapes.CollapseContinuations(syntax.Recipe), 0)!;
            TargetVariables.Record(ev, targets, assignment, at);
            return;
        }
        if (assignment is not null)
            throw new UserError(at, "Malformed target-specific variable definition");

        NoTargets = false;
        var prerequisites = tail;
        if (!consumedAll && remainder.Length > 0)
        {
            prerequisites += ev.ExpandToString(syntax.DependencyExpr(last));
            if (recipe is null)
            {
                var semicolon = LineEscapes.FindCharUnquote(ref prerequisites, 0, ';');
                if (semicolon >= 0)
                {
                    recipe = prerequisites[(semicolon + 1)..];
                    prerequisites = prerequisites[..semicolon];
                }
            }
        }

        string? pattern = null;
        var patternColon = FindStaticPatternColon(prerequisites);
        if (patternColon >= 0)
        {
            var patterns = FileNames.Parse(prerequisites[..patternColon], ev, glob: false);
            if (patterns.Count == 0) throw new UserError(at, "missing target pattern");
            if (patterns.Count > 1) throw new UserError(at, "multiple target patterns");
            pattern = patterns[0];
            if (!pattern.Contains('%')) throw new UserError(at, "target pattern contains no '%'");
            prerequisites = prerequisites[(patternColon + 1)..];
        }

        var (start, end) = ExprParser.Trim(prerequisites, 0, prerequisites.Length);
        _pending = new PendingRule(targets, prerequisites[start..end], pattern, doubleColon, grouped, at);
        if (recipe is not null) AddRecipeLine(recipe, at.Line);

        if (setDefaultGoal) SetDefaultGoal(targets);
    }

    /// <summary>A second unquoted ':' in the prerequisites makes a static pattern rule.</summary>
    private static int FindStaticPatternColon(string prerequisites)
    {
        var p = prerequisites.IndexOf(':');
        while (p > 0 && prerequisites[p - 1] == '\\')
        {
            var backslashes = 0;
            for (var q = p - 1; q >= 0 && prerequisites[q] == '\\'; q--) backslashes++;
            if ((backslashes & 1) == 0) break;
            p = prerequisites.IndexOf(':', p + 1);
        }
        return p;
    }

    /// <summary>The first target that is not special (a leading '.' without '/') nor a pattern becomes .DEFAULT_GOAL.</summary>
    private void SetDefaultGoal(IReadOnlyList<string> targets)
    {
        var goal = ev.Variables.Global.Find(".DEFAULT_GOAL");
        if (goal is null || goal.Value.Length != 0) return;
        foreach (var name in targets)
        {
            if (name.Contains('%')) return;
            if (name.StartsWith('.') && !name.Contains('/')) continue;
            ev.Variables.Define(".DEFAULT_GOAL", name, Origin.File, recursive: false, SourceLocation.None);
            return;
        }
    }
}

/// <summary>A rule whose recipe lines are still being read.</summary>
internal sealed class PendingRule(IReadOnlyList<string> targets, string prerequisites, string? pattern, bool doubleColon, bool grouped,
    SourceLocation location)
{
    public IReadOnlyList<string> Targets { get; } = targets;

    public string Prerequisites { get; } = prerequisites;

    public string? Pattern { get; } = pattern;

    public bool DoubleColon { get; } = doubleColon;

    public bool Grouped { get; } = grouped;

    public SourceLocation Location { get; } = location;

    public List<string> Recipe { get; } = [];

    public int RecipeLine { get; set; }
}
