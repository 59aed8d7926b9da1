using System.CommandLine;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Syntax;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Cli.Commands;

/// <summary>
/// <c>kiln make-eval</c>: reads makefiles exactly as GNU make does before it builds anything
/// (as <c>make -s</c>), printing what reading prints; optionally shows variables afterwards.
/// </summary>
public static class MakeEvalCommand
{
    public sealed record Settings(
        IReadOnlyList<string> Makefiles,
        IReadOnlyList<string> Directories,
        IReadOnlyList<string> IncludeDirectories,
        IReadOnlyList<string> Assignments,
        IReadOnlyList<string> Goals,
        IReadOnlyList<string> Print,
        bool Dump,
        bool EnvironmentOverrides,
        TimeSpan ShellTimeout,
        bool NoBuiltinRules = false,
        bool NoBuiltinVariables = false,
        IReadOnlyDictionary<string, string>? Environment = null,
        string? WorkingDirectory = null);

    public static Command Create()
    {
        var files = new Option<string[]>("-f", "--file", "--makefile") { Description = "Read FILE as a makefile.", HelpName = "FILE" };
        var dirs = new Option<string[]>("-C", "--directory") { Description = "Change to DIR before reading makefiles.", HelpName = "DIR" };
        var includes = new Option<string[]>("-I", "--include-dir") { Description = "Search DIR for included makefiles.", HelpName = "DIR" };
        var print = new Option<string[]>("--print") { Description = "After reading, print the expanded value of VAR.", HelpName = "VAR" };
        var dump = new Option<bool>("--dump") { Description = "After reading, print every makefile variable (flavour and unexpanded value), sorted." };
        var silent = new Option<bool>("-s", "--silent", "--quiet") { Description = "Accepted for compatibility; make-eval is always silent." };
        var envOverrides = new Option<bool>("-e", "--environment-overrides") { Description = "Environment variables override makefiles." };
        var noRules = new Option<bool>("-r", "--no-builtin-rules") { Description = "No built-in rules (as make -r)." };
        var noVariables = new Option<bool>("-R", "--no-builtin-variables") { Description = "No built-in rule variables (as make -R)." };
        var timeout = new Option<int>("--shell-timeout") { Description = "Seconds one $(shell) command may run.", DefaultValueFactory = _ => 120 };
        var rest = new Argument<string[]>("VAR=VALUE|GOAL") { Arity = ArgumentArity.ZeroOrMore, Description = "Variable assignments and goals, as for make." };

        var command = new Command("make-eval", "Read makefiles as GNU make 4.3 does and print what reading prints.")
        {
            files, dirs, includes, print, dump, silent, envOverrides, noRules, noVariables, timeout, rest,
        };
        command.SetAction(result =>
        {
            var positional = result.GetValue(rest) ?? [];
            var assignments = positional.Where(IsAssignment).ToArray();
            var settings = new Settings(
                result.GetValue(files) ?? [],
                result.GetValue(dirs) ?? [],
                result.GetValue(includes) ?? [],
                assignments,
                positional.Where(p => !IsAssignment(p)).ToArray(),
                result.GetValue(print) ?? [],
                result.GetValue(dump),
                result.GetValue(envOverrides),
                TimeSpan.FromSeconds(result.GetValue(timeout)),
                result.GetValue(noRules) || result.GetValue(noVariables),
                result.GetValue(noVariables));
            return Run(settings, StreamMakeOutput.Process);
        });
        return command;
    }

    private static bool IsAssignment(string arg) => CommandLineAssignment.IsAssignment(arg);

    public static int Run(Settings settings, IMakeOutput output)
    {
        try
        {
            return LargeStack.Run(() => Evaluate(settings, output));
        }
        catch (MakeErrorException e)
        {
            output.Diagnostic(e.Format("make"));
            return ExitCodes.Failure;
        }
    }

    private static int Evaluate(Settings settings, IMakeOutput output)
    {
        var directory = settings.WorkingDirectory ?? Directory.GetCurrentDirectory();
        foreach (var dir in settings.Directories)
        {
            var next = Path.GetFullPath(Path.Combine(directory, dir));
            if (!Directory.Exists(next)) throw new MakeErrorException(SourceLocation.None, $"{dir}: No such file or directory");
            // make chdir()s and then asks getcwd(), which resolves symbolic links.
            directory = ByteText.ToOs(Kiln.Make.Functions.PathFunctions.RealPath(ByteText.FromOs(next), "/") ?? ByteText.FromOs(next));
        }

        var options = new EvaluatorOptions
        {
            WorkingDirectory = ByteText.FromOs(directory),
            IncludeDirectories = settings.IncludeDirectories.Select(ByteText.FromOs).ToArray(),
            CommandLineVariables = settings.Assignments.Select(ByteText.FromOs).ToArray(),
            Goals = settings.Goals.Select(ByteText.FromOs).ToArray(),
            EnvironmentOverrides = settings.EnvironmentOverrides,
            NoBuiltinRules = settings.NoBuiltinRules,
            NoBuiltinVariables = settings.NoBuiltinVariables,
            FlagLetters = FlagLetters(settings),
            ShellTimeout = settings.ShellTimeout,
            Environment = settings.Environment,
            Output = output,
        };
        var ev = new Evaluator(options);
        var makefiles = settings.Makefiles.Count > 0 ? settings.Makefiles.Select(ByteText.FromOs).ToArray() : DefaultMakefile(directory);
        ev.ReadMakefilesVariable();
        foreach (var makefile in makefiles) ev.ReadMakefile(makefile);
        ev.CheckMissingIncludes();

        if (settings.Print.Count > 0 || settings.Dump)
        {
            foreach (var name in settings.Print) output.Info(ev.ValueOf(ByteText.FromOs(name)) ?? "");
            if (settings.Dump) Dump(ev, output);
            return ExitCodes.Success;
        }
        Goals.Check(ev);
        return ExitCodes.Success;
    }

    /// <summary>MAKEFLAGS while reading: the single-letter flags in make's table order (make-eval is always -s).</summary>
    private static string FlagLetters(Settings settings) =>
        (settings.EnvironmentOverrides ? "e" : "") + (settings.NoBuiltinRules ? "r" : "") + (settings.NoBuiltinVariables ? "R" : "") + "s";

    private static string[] DefaultMakefile(string directory)
    {
        foreach (var name in new[] { "GNUmakefile", "makefile", "Makefile" })
            if (File.Exists(Path.Combine(directory, name))) return [name];
        throw new MakeErrorException(SourceLocation.None, "No targets specified and no makefile found");
    }

    private static void Dump(Evaluator ev, IMakeOutput output)
    {
        var variables = ev.Variables.Global.All
            .Where(v => v.Origin is Origin.File or Origin.Override && v.Location.IsKnown)
            .OrderBy(v => v.Name, StringComparer.Ordinal);
        foreach (var v in variables)
        {
            var prefix = v.Origin == Origin.Override ? "override " : "";
            if (v.Value.Contains('\n'))
                output.Info($"{prefix}define {v.Name} {(v.IsRecursive ? "=" : ":=")}\n{v.Value}\nendef");
            else
                output.Info($"{prefix}{v.Name} {(v.IsRecursive ? "=" : ":=")} {v.Value}");
        }
    }
}
