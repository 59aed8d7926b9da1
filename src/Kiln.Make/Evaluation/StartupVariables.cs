using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Syntax;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

/// <summary>
/// The variables make defines before reading any makefile, in make's order (which shows when a
/// command-line assignment expands something): its own special variables, the environment,
/// command-line assignments, then automatic, MAKEFLAGS and built-in rule variables.
/// </summary>
internal static class StartupVariables
{
    public static void Define(Evaluator ev)
    {
        var vars = ev.Variables;
        var none = SourceLocation.None;
        var options = ev.Options;

        vars.Define(VariableStore.VariablesName, "", Origin.Default, recursive: false, none).IsVariablesList = true;
        vars.Define(".RECIPEPREFIX", "", Origin.Default, recursive: false, none);
        foreach (var name in new[] { ".SHELLFLAGS", ".LOADED", ".FEATURES" })
            vars.Define(name, MakeDefaults.Value(name), Origin.Default, recursive: false, none);

        // make exports what came from the environment (a makefile that assigns it keeps it
        // exported), except SHELL, which recipes get from the environment itself.
        foreach (var (name, value) in ev.Environment)
            vars.Define(name, value, Origin.Environment, recursive: true, none).Export = name == "SHELL" ? ExportMode.NoExport : ExportMode.Export;
        var gnuMakeFlags = vars.Define("GNUMAKEFLAGS", "", Origin.Environment, recursive: false, none);
        if (!ev.Environment.ContainsKey("GNUMAKEFLAGS")) gnuMakeFlags.Export = ExportMode.NoExport;

        if (options.Goals.Count > 0)
            vars.Define("MAKECMDGOALS", string.Join(' ', options.Goals), Origin.Default, recursive: false, none);
        var commandLine = DefineCommandLine(ev, options.CommandLineVariables);
        var makeLevel = MakeLevel(vars);

        vars.Define("MAKE_COMMAND", options.MakeCommand, Origin.Default, recursive: false, none);
        vars.Define("MAKE", "$(MAKE_COMMAND)", Origin.Default, recursive: true, none);
        if (commandLine.Count > 0)
        {
            vars.Define("-*-command-variables-*-", string.Join(' ', commandLine), Origin.Automatic, recursive: false, none);
            vars.Define("MAKEOVERRIDES", "${-*-command-variables-*-}", Origin.Environment, recursive: true, none);
        }
        vars.Define(".INCLUDE_DIRS", string.Join(' ', ev.IncludeDirectories), Origin.Default, recursive: true, none);
        vars.Define("CURDIR", ev.WorkingDirectory, Origin.File, recursive: false, none);
        vars.Define("SUFFIXES", options.NoBuiltinRules ? "" : MakeDefaults.Value("SUFFIXES"), Origin.Default, recursive: false, none);

        DefineAutomatic(vars, makeLevel);

        vars.Define("MAKEFLAGS", options.FlagLetters, options.EnvironmentOverrides ? Origin.EnvironmentOverride : Origin.File, recursive: true,
            none).Export = ExportMode.Export;
        vars.Define("MFLAGS", options.FlagLetters.Length > 0 ? "-" + options.FlagLetters : "", Origin.Environment, recursive: true, none);

        foreach (var (name, value, recursive) in MakeDefaults.Variables)
        {
            if (MakeDefaults.MakeOwn.Contains(name) || options.NoBuiltinVariables) continue;
            vars.Define(name, value, Origin.Default, recursive, none);
        }
        vars.Define(".DEFAULT_GOAL", "", Origin.File, recursive: false, none);
    }

    /// <summary>make's define_automatic_variables.</summary>
    private static void DefineAutomatic(VariableStore vars, int makeLevel)
    {
        var none = SourceLocation.None;
        vars.Define("MAKELEVEL", makeLevel.ToString(System.Globalization.CultureInfo.InvariantCulture), Origin.Environment, recursive: false, none);
        vars.Define("MAKE_VERSION", MakeDefaults.Value("MAKE_VERSION"), Origin.Default, recursive: false, none);
        vars.Define("MAKE_HOST", MakeDefaults.Value("MAKE_HOST"), Origin.Default, recursive: false, none);
        // SHELL is never taken from the environment: its value is reset, its origin becomes file.
        var shell = vars.Define("SHELL", "/bin/sh", Origin.Default, recursive: false, none);
        if (shell.Value.Length == 0 || shell.Origin is Origin.Environment or Origin.EnvironmentOverride)
        {
            shell.SetValue("/bin/sh");
            shell.Origin = Origin.File;
        }
        vars.Define("MAKEFILES", "", Origin.Default, recursive: false, none).Export = ExportMode.IfSet;
        foreach (var (name, value) in MakeDefaults.Automatic)
            vars.Define(name, value, Origin.Automatic, recursive: true, none);
    }

    /// <summary>MAKELEVEL as inherited: atoi of the environment's value unless it is empty or negative.</summary>
    private static int MakeLevel(VariableStore vars)
    {
        var value = vars.Lookup("MAKELEVEL")?.Value ?? "";
        if (value.Length == 0 || value[0] == '-') return 0;
        var end = 0;
        while (end < value.Length && char.IsAsciiDigit(value[end])) end++;
        return end == 0 ? 0 : (int)Math.Min(long.Parse(value.AsSpan(0, Math.Min(end, 18)), System.Globalization.CultureInfo.InvariantCulture),
            int.MaxValue);
    }

    /// <summary>Defines the command-line assignments; returns them as make records them for sub-makes.</summary>
    private static List<string> DefineCommandLine(Evaluator ev, IReadOnlyList<string> assignments)
    {
        var recorded = new List<string>();
        foreach (var text in assignments)
        {
            var definition = VariableDefinition.TryParse(text, 0)
                ?? throw new UserError(SourceLocation.None, $"'{text}' is not a variable assignment");
            var v = ev.AssignVariable(definition, Origin.CommandLine, SourceLocation.None, targetScope: null);
            recorded.Insert(0, QuoteForEnvironment(v.Name) + (v.IsRecursive ? "=" : ":=") + QuoteForEnvironment(v.Value));
        }
        return recorded;
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
