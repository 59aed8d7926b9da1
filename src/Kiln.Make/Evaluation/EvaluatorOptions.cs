using Kiln.Make.Diagnostics;

namespace Kiln.Make.Evaluation;

/// <summary>What a make process would get from its command line and environment.</summary>
public sealed class EvaluatorOptions
{
    /// <summary>The directory make runs in (after -C): CURDIR, and the base of relative paths.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>-I directories, searched for included makefiles that are not found as given.</summary>
    public IReadOnlyList<string> IncludeDirectories { get; init; } = [];

    /// <summary>Also search make's built-in include directories (/usr/local/include, /usr/include) as GNU make does.</summary>
    public bool SearchDefaultIncludeDirectories { get; init; } = true;

    /// <summary>The environment (byte text); null means this process's environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Command-line assignments such as <c>VAR=value</c> or <c>VAR:=value</c>.</summary>
    public IReadOnlyList<string> CommandLineVariables { get; init; } = [];

    /// <summary>Goals named on the command line (MAKECMDGOALS).</summary>
    public IReadOnlyList<string> Goals { get; init; } = [];

    /// <summary>The program name in messages without a location ("make: *** ...").</summary>
    public string ProgramName { get; init; } = "make";

    /// <summary>MAKE_COMMAND (argv[0] of make).</summary>
    public string MakeCommand { get; init; } = "make";

    /// <summary>Single-letter switches given to make (besides e, r and R), as MAKEFLAGS shows them; "s" for make -s.</summary>
    public string FlagLetters { get; init; } = "s";

    /// <summary>make -r: no built-in rules (SUFFIXES is empty).</summary>
    public bool NoBuiltinRules { get; init; }

    /// <summary>make -R: no built-in rule variables (CC, CFLAGS...).</summary>
    public bool NoBuiltinVariables { get; init; }

    /// <summary>make -e.</summary>
    public bool EnvironmentOverrides { get; init; }

    /// <summary>How long one $(shell) command may run before the evaluation fails.</summary>
    public TimeSpan ShellTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Deepest nesting of variable expansions and $(call)s before the evaluation fails instead of overflowing.</summary>
    public int MaxExpansionDepth { get; init; } = 10_000;

    /// <summary>Where $(info) and diagnostics go; null means this process's stdout and stderr.</summary>
    public IMakeOutput? Output { get; init; }

    /// <summary>Makefiles served instead of the file system (for example a built-in API), or null.</summary>
    public IMakefileProvider? Makefiles { get; init; }

    /// <summary>The functions the program embedding Kiln adds to this evaluation.</summary>
    public Functions.FunctionSet Functions { get; init; } = Kiln.Make.Functions.FunctionSet.Empty;

    /// <summary>Runs the commands $(shell) and != hand the shell; null runs each (<see cref="ShellInvocation.Run"/>).</summary>
    public IShellRunner? Shells { get; init; }

    /// <summary>Told of every file read, path probed and command run, or null.</summary>
    public IEvaluationInputs? Inputs { get; init; }

    /// <summary>A first statement this evaluation's makefile may share with others, read once for all of them, or null.</summary>
    public SharedPrelude? Prelude { get; init; }

    /// <summary>Parsed files shared across evaluations; null gives the evaluation a cache of its own.</summary>
    public SourceCache? Sources { get; init; }

    /// <summary>Where the evaluation adds what its parts cost, or null to measure nothing.</summary>
    public EvaluationProfile? Profile { get; init; }
}
