using Kiln.Make.Diagnostics;
using Kiln.Make.Syntax;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

/// <summary>
/// The variables make defines before reading any makefile: the environment, command-line
/// assignments, its built-in defaults and its special variables, with the origins make gives them.
/// </summary>
internal static class StartupVariables
{
    public static void Define(Evaluator ev)
    {
        var vars = ev.Variables;
        var none = SourceLocation.None;
        var options = ev.Options;

        foreach (var (name, value) in ev.Environment)
        {
            if (name is "MAKEFLAGS" or "MFLAGS" or "MAKELEVEL" or "MAKEOVERRIDES" or "SHELL") continue;
            vars.Define(name, value, Origin.Environment, recursive: true, none);
        }
        foreach (var (name, value, recursive) in MakeDefaults.Variables)
        {
            if (options.NoBuiltinVariables && !MakeDefaults.MakeOwn.Contains(name)) continue;
            vars.Define(name, name == "SUFFIXES" && options.NoBuiltinRules ? "" : value, Origin.Default, recursive, none);
        }
        foreach (var (name, value) in MakeDefaults.Automatic)
            vars.Define(name, value, Origin.Automatic, recursive: true, none);
        // make never takes SHELL from the environment; it records that it overrode it.
        if (ev.Environment.ContainsKey("SHELL"))
            vars.Define("SHELL", "/bin/sh", Origin.File, recursive: false, none);
        vars.Define(".RECIPEPREFIX", "", Origin.Default, recursive: false, none);
        vars.Define("GNUMAKEFLAGS", "", Origin.Override, recursive: false, none);

        vars.Define("MAKEFLAGS", options.FlagLetters, Origin.File, recursive: true, none);
        vars.Define("MFLAGS", options.FlagLetters.Length > 0 ? "-" + options.FlagLetters : "", Origin.Environment, recursive: true, none);
        vars.Define("MAKELEVEL", "0", Origin.Environment, recursive: false, none);
        vars.Define(".DEFAULT_GOAL", "", Origin.File, recursive: false, none);
        vars.Define(".INCLUDE_DIRS", string.Join(' ', ev.IncludeDirectories), Origin.Default, recursive: true, none);
        vars.Define("MAKE_COMMAND", options.MakeCommand, Origin.Default, recursive: false, none);
        vars.Define("MAKE", "$(MAKE_COMMAND)", Origin.Default, recursive: true, none);
        vars.Define(VariableStore.VariablesName, "", Origin.Default, recursive: false, none).IsVariablesList = true;

        DefineCommandLine(ev, options.CommandLineVariables);
        vars.Define("CURDIR", ev.WorkingDirectory, Origin.File, recursive: false, none);
        if (options.Goals.Count > 0)
            vars.Define("MAKECMDGOALS", string.Join(' ', options.Goals), Origin.Default, recursive: false, none);
    }

    private static void DefineCommandLine(Evaluator ev, IReadOnlyList<string> assignments)
    {
        if (assignments.Count == 0) return;
        var recorded = new List<string>();
        foreach (var text in assignments)
        {
            var definition = VariableDefinition.TryParse(text, 0)
                ?? throw new MakeErrorException(SourceLocation.None, $"'{text}' is not a variable assignment");
            var v = ev.AssignVariable(definition, Origin.CommandLine, SourceLocation.None, targetScope: null);
            recorded.Insert(0, QuoteForEnvironment(v.Name) + (v.IsRecursive ? "=" : ":=") + QuoteForEnvironment(v.Value));
        }
        ev.Variables.Define("-*-command-variables-*-", string.Join(' ', recorded), Origin.Automatic, recursive: false, SourceLocation.None);
        ev.Variables.Define("MAKEOVERRIDES", "${-*-command-variables-*-}", Origin.Environment, recursive: true, SourceLocation.None);
    }

    /// <summary>make's quote_for_env: backslash before blanks and backslashes, and '$' doubled.</summary>
    private static string QuoteForEnvironment(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c == '$') sb.Append('$');
            else if (CharClass.IsSpace(c) || c == '\\') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
