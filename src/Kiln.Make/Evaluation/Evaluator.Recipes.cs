using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

public sealed partial class Evaluator
{
    /// <summary>
    /// Expands a recipe of <paramref name="target"/> as make does just before running it: with the
    /// target's own variables in front of the global ones and $@ set to the target.
    /// </summary>
    public string ExpandRecipe(string text, string target)
    {
        var saved = Variables.Current;
        Variables.Current = Variables.TargetScope(target);
        try
        {
            return ExpandWith(text, [KeyValuePair.Create("@", target)]);
        }
        finally
        {
            Variables.Current = saved;
        }
    }

    /// <summary>
    /// The environment make gives the recipe of <paramref name="target"/> (make's
    /// target_environment): variables marked <c>export</c>, those from the environment or the
    /// command line unless <c>unexport</c>ed, every other one under <c>export</c> alone, each
    /// expanded with the target's variables; MAKELEVEL one deeper.
    /// </summary>
    public Dictionary<string, string> RecipeEnvironment(string target)
    {
        var saved = Variables.Current;
        Variables.Current = Variables.TargetScope(target);
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var scope = Variables.Current; scope is not null; scope = scope.Next)
            {
                foreach (var v in scope.Set.All)
                {
                    if (!seen.Add(v.Name)) continue;
                    // A target's own value of a variable says nothing of exporting: the global variable's word counts.
                    var mode = v.Export == ExportMode.Default && scope.Set != Variables.Global && Variables.Global.Find(v.Name) is { } global
                        ? global.Export : v.Export;
                    if (!Exported(v, mode)) continue;
                    environment[v.Name] = v.IsRecursive || v.IsAppend ? ExpandVariableToString(v) : v.Value;
                }
            }
            // Unless a makefile exports its own, recipes run with the SHELL make was started with.
            if (!environment.ContainsKey("SHELL") && Environment.TryGetValue("SHELL", out var shell)) environment["SHELL"] = shell;
            var level = ValueOf("MAKELEVEL");
            environment["MAKELEVEL"] = ((int.TryParse(level, out var n) ? n : 0) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return environment;
        }
        finally
        {
            Variables.Current = saved;
        }
    }

    private bool Exported(Variable v, ExportMode mode)
    {
        if (!v.IsExportable) return false;
        switch (mode)
        {
            case ExportMode.Export:
                return true;
            case ExportMode.NoExport:
                return false;
            case ExportMode.IfSet:
                return v.Value.Length > 0;
            default:
                if (v.Origin is Origin.Default or Origin.Automatic) return false;
                return ExportAll || v.Origin is Origin.CommandLine or Origin.Environment or Origin.EnvironmentOverride;
        }
    }
}
