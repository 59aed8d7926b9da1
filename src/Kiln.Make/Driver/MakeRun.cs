using Kiln.Core.Errors;
using Kiln.Core.Parallel;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Make.Driver;

/// <summary>
/// A make run that reads makefiles exactly as GNU make does before it builds anything (as
/// <c>make -s</c>), printing what reading prints and, on request, variables afterwards; its exit
/// status is make's (0, or 2 after an error).
/// </summary>
public static class MakeRun
{
    /// <summary>make's exit status after an error.</summary>
    public const int FailureStatus = 2;

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

    public static int Run(Settings settings, IMakeOutput output)
    {
        try
        {
            return LargeStack.Run(() => Evaluate(settings, output));
        }
        catch (UserError e)
        {
            output.Diagnostic(e.MakeStyle("make"));
            return FailureStatus;
        }
    }

    private static int Evaluate(Settings settings, IMakeOutput output)
    {
        var directory = settings.WorkingDirectory ?? Directory.GetCurrentDirectory();
        foreach (var dir in settings.Directories)
        {
            var next = Path.GetFullPath(Path.Combine(directory, dir));
            if (!Directory.Exists(next))
                throw new UserError(SourceLocation.None, $"{dir}: {(File.Exists(next) ? "Not a directory" : "No such file or directory")}");
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
            return 0;
        }
        Goals.Check(ev);
        return 0;
    }

    /// <summary>MAKEFLAGS while reading: the single-letter flags in make's table order (make-eval is always -s).</summary>
    private static string FlagLetters(Settings settings) =>
        (settings.EnvironmentOverrides ? "e" : "") + (settings.NoBuiltinRules ? "r" : "") + (settings.NoBuiltinVariables ? "R" : "") + "s";

    private static string[] DefaultMakefile(string directory)
    {
        foreach (var name in new[] { "GNUmakefile", "makefile", "Makefile" })
            if (File.Exists(Path.Combine(directory, name))) return [name];
        throw new UserError(SourceLocation.None, "No targets specified and no makefile found");
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
