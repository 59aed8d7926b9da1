using System.Collections.Concurrent;
using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;
using Kiln.Make.Inputs;
using Kiln.Make.Text;
using Kiln.OpenWrt.Api;
using Kiln.OpenWrt.Configuration;

namespace Kiln.OpenWrt.Evaluation;

/// <summary>
/// Reads one Makefile the way a scan's <c>make -C DIR DUMP=1 ...</c> does, with Kiln's API and
/// parsed includes shared between calls, and collects what it prints. Thread-safe: each call has
/// an evaluator of its own.
/// </summary>
public sealed class MakefileDump
{
    private readonly OpenWrtApi _api;
    private readonly SourceCache _sources = new();

    // Nearly every Makefile starts by including rules.mk: the state that leaves is read once per command line.
    private const string RulesInclude = "include $(TOPDIR)/rules.mk";
    private readonly ConcurrentDictionary<string, SharedPrelude> _preludes = new(StringComparer.Ordinal);
    // The same computation in the shell recurs across Makefiles (expr 64 + in eight target Makefiles): run once.
    private readonly SharedPureCommands _pureCommands = new();
    private readonly TimeSpan _shellTimeout;

    /// <param name="config">What the Makefiles read as $(TOPDIR)/.config in place of the tree's file, or null.</param>
    public MakefileDump(string topDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan shellTimeout, DotConfig? config = null)
    {
        TopDirectory = Canonical(topDirectory);
        _api = new OpenWrtApi(ByteText.FromOs(TopDirectory), config);
        _shellTimeout = shellTimeout;
        Environment = environment is null
            ? TopLevelEnvironment.ForMetadataScan(ProcessEnvironment.Read(), ByteText.FromOs(TopDirectory))
            : new Dictionary<string, string>(environment, StringComparer.Ordinal) { ["TOPDIR"] = ByteText.FromOs(TopDirectory) };
    }

    /// <summary>The tree, with links resolved.</summary>
    public string TopDirectory { get; }

    /// <summary>Where each evaluation adds what its parts cost (<c>--stats</c>), or null.</summary>
    public EvaluationProfile? Profile { get; init; }

    /// <summary>The environment every Makefile sees: the given one with TOPDIR, or what OpenWrt's top-level make gives a metadata scan (<see cref="TopLevelEnvironment.ForMetadataScan"/>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>
    /// Reads <paramref name="workingDirectory"/>/Makefile with <paramref name="commandLine"/>.
    /// Errors name files inside the tree by their path from it (<paramref name="relativeDirectory"/>
    /// is the working directory's). <paramref name="functions"/> are the caller's own, besides the
    /// API's. <paramref name="inspect"/> sees the evaluator once the Makefile has been read without
    /// error. <paramref name="makefile"/> is the Makefile's content when the caller has read it already.
    /// </summary>
    public DumpOutput Run(string workingDirectory, string relativeDirectory, IReadOnlyList<string> commandLine,
        IEvaluationInputs? inputs = null, FunctionSet? functions = null, Action<Evaluator>? inspect = null, byte[]? makefile = null)
    {
        var output = new CollectingMakeOutput();
        var evaluator = new Evaluator(new EvaluatorOptions
        {
            WorkingDirectory = ByteText.FromOs(workingDirectory),
            Environment = Environment,
            CommandLineVariables = commandLine,
            NoBuiltinRules = true,
            ShellTimeout = _shellTimeout,
            Output = output,
            Makefiles = _api,
            Sources = _sources,
            Shells = _pureCommands,
            Inputs = inputs,
            Functions = functions is null ? _api.Functions : _api.Functions.With(functions),
            Prelude = _preludes.GetOrAdd(string.Join('\0', commandLine), _ => new SharedPrelude(RulesInclude)),
            Profile = Profile,
        });
        var relative = ByteText.FromOs(relativeDirectory);
        try
        {
            evaluator.ReadMakefile("Makefile", makefile);
            // make would say "No rule to make target"; the include line is the useful place to point at.
            if (evaluator.MissingIncludes.LastOrDefault(m => !m.Optional) is { } missing)
                throw new UserError(missing.Location, $"{missing.Name}: {missing.Reason}");
            inspect?.Invoke(evaluator);
            return new DumpOutput(output.Stdout, output.Stderr, null);
        }
        catch (UserError e)
        {
            // A file where the directory belongs is said as such (make would only fail to read its Makefile).
            if (!e.Location.IsKnown && File.Exists(workingDirectory))
                return new DumpOutput(output.Stdout, output.Stderr, $"{relative}: is a file, not a directory");
            // Files are named from the tree: those read relative to the Makefile's directory get its path.
            var where = !e.Location.IsKnown ? $"{relative}/Makefile: {e.MakeStyle("make")}"
                : e.Location.File!.StartsWith('/') ? e.MakeStyle("make")
                : $"{relative}/{e.MakeStyle("make")}";
            return new DumpOutput(output.Stdout, output.Stderr, where.Replace(ByteText.FromOs(workingDirectory) + "/", relative + "/"));
        }
    }

    /// <summary>The path with links resolved (make -C reports the physical directory).</summary>
    public static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        return ByteText.ToOs(PathFunctions.RealPath(ByteText.FromOs(full), "/") ?? ByteText.FromOs(full));
    }
}

/// <summary>What one Makefile printed, and the error that stopped it (already formatted), if one did.</summary>
public sealed record DumpOutput(string Stdout, string Stderr, string? Error);
