using Kiln.Make.Diagnostics;
using Kiln.Make.Driver;

namespace Kiln.Make.Tests.Differential;

/// <summary>
/// Each case in Differential/Cases is read by GNU make (<c>make -s -f Makefile ARGS</c>) and by
/// <c>kiln make-eval</c> in a fresh directory; stdout, stderr and exit status must be identical.
/// </summary>
public sealed class DifferentialTests
{
    public static TheoryData<string> Cases() => new(DifferentialCase.AllNames().Where(n => !KnownGaps.Contains(n)));

    public static TheoryData<string> Gaps() => new(KnownGaps.Order(StringComparer.Ordinal));

    private static readonly HashSet<string> KnownGaps = LoadKnownGaps();

    [Theory]
    [MemberData(nameof(Cases))]
    public void KilnReadsLikeGnuMake(string name)
    {
        var (expected, actual) = RunBoth(name);
        Assert.Equal(expected.Stdout, actual.Stdout);
        Assert.Equal(expected.Stderr, actual.Stderr);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
    }

    /// <summary>Keeps known-gaps.txt honest: a listed case that now matches GNU make must leave the list.</summary>
    [Theory]
    [MemberData(nameof(Gaps))]
    public void KnownGapsStillDiffer(string name)
    {
        var (expected, actual) = RunBoth(name);
        Assert.False(expected == actual, $"{name} now matches GNU make: remove it from known-gaps.txt");
    }

    private static (GnuMake.Result Expected, GnuMake.Result Actual) RunBoth(string name)
    {
        GnuMake.EnsureInstalled();
        var @case = DifferentialCase.Load(name);
        var environment = GnuMake.BaseEnvironment();
        foreach (var (k, v) in @case.Environment) environment[k] = v;

        // Both run in the same directory (recreated in between), so paths they print agree.
        var directory = Path.Combine(Path.GetTempPath(), "kiln-diff-" + Guid.NewGuid().ToString("N"));
        var expected = InFreshDirectory(directory, @case, () => RunMake(@case, directory, environment));
        var actual = InFreshDirectory(directory, @case, () => RunKiln(@case, directory, environment));
        return (expected, actual);
    }

    private static HashSet<string> LoadKnownGaps()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Differential", "known-gaps.txt");
        return File.ReadLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t')[0])
            .ToHashSet(StringComparer.Ordinal);
    }

    private static GnuMake.Result InFreshDirectory(string directory, DifferentialCase @case, Func<GnuMake.Result> run)
    {
        Directory.CreateDirectory(directory);
        try
        {
            @case.WriteTo(directory);
            return run();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static GnuMake.Result RunMake(DifferentialCase @case, string directory, IReadOnlyDictionary<string, string> environment) =>
        GnuMake.Run(["-s", "-f", "Makefile", .. @case.Arguments], directory, environment);

    private static GnuMake.Result RunKiln(DifferentialCase @case, string directory, IReadOnlyDictionary<string, string> environment)
    {
        var output = new CollectingMakeOutput();
        var (assignments, goals, includes) = SplitArguments(@case.Arguments);
        var settings = new MakeRun.Settings(
            Makefiles: ["Makefile"],
            Directories: [],
            IncludeDirectories: includes,
            Assignments: assignments,
            Goals: goals,
            Print: [],
            Dump: false,
            EnvironmentOverrides: @case.Arguments.Contains("-e"),
            ShellTimeout: TimeSpan.FromSeconds(30),
            Environment: environment,
            WorkingDirectory: directory);
        var code = MakeRun.Run(settings, output);
        return new GnuMake.Result(output.Stdout, output.Stderr, code);
    }

    private static (List<string>, List<string>, List<string>) SplitArguments(IReadOnlyList<string> arguments)
    {
        var assignments = new List<string>();
        var goals = new List<string>();
        var includes = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var arg = arguments[i];
            if (arg == "-I") includes.Add(arguments[++i]);
            else if (arg == "-e") continue;
            else if (Syntax.CommandLineAssignment.IsAssignment(arg)) assignments.Add(arg);
            else goals.Add(arg);
        }
        return (assignments, goals, includes);
    }
}
