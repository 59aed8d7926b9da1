using Kiln.Core.Errors;
using Kiln.Make.Syntax;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

/// <summary>make's record_target_var: <c>targets: VAR = value</c> defines VAR for each target (or pattern).</summary>
internal static class TargetVariables
{
    public static void Record(Evaluator ev, IReadOnlyList<string> targets, AssignmentSyntax assignment, SourceLocation at)
    {
        var origin = assignment.Override ? Origin.Override : Origin.File;
        var definition = assignment.Definition!;
        foreach (var target in targets)
        {
            Variable v;
            var pattern = target;
            if (LineEscapes.FindCharUnquote(ref pattern, 0, '%') >= 0)
            {
                var name = ev.ExpandToString(definition.NameExpr);
                var value = definition.Operator == AssignmentOperator.Simple ? ev.ExpandToString(definition.ValueExpr) : definition.ValueText;
                v = new Variable(NameTable.Intern(name), value, definition.Operator != AssignmentOperator.Simple, origin, at)
                {
                    IsAppend = definition.Operator == AssignmentOperator.Append,
                };
                ev.Variables.PatternVariables.Add(new PatternVariable(pattern, v));
            }
            else
            {
                var scope = ev.Variables.TargetScope(target);
                var saved = ev.Variables.Current;
                ev.Variables.Current = scope;
                v = ev.AssignVariable(definition, origin, at, scope);
                ev.Variables.Current = saved;
            }
            v.IsPrivate = assignment.Private;
            v.Export = assignment.Export ? ExportMode.Export : ExportMode.Default;

            // A command-line setting still wins over a target-specific one, unless it says override.
            if (v.Origin == Origin.Override) continue;
            var global = ev.Variables.Lookup(v.Name);
            if (global is not null && global != v && global.Origin is Origin.EnvironmentOverride or Origin.CommandLine)
            {
                v.SetValue(global.Value);
                v.Origin = global.Origin;
                v.IsRecursive = global.IsRecursive;
                v.IsAppend = false;
            }
        }
    }
}
