using System.Text.RegularExpressions;

namespace Kiln.Cli.Tests;

/// <summary>
/// One bad input: how to spoil a fresh <see cref="Scratch"/> folder, the kiln command line, the
/// paths the command may create, and what its message must name. <see cref="Check"/> runs it and
/// asserts what every refusal must be (see <see cref="Refusal"/>).
/// </summary>
public sealed record BadInput(string Name, Func<Scratch, string[]> Arguments)
{
    public Action<Scratch> Setup { get; init; } = _ => { };

    /// <summary>Without the example tree: the scratch folder starts empty.</summary>
    public bool NoTree { get; init; }

    /// <summary>Paths relative to the scratch folder (whole subtrees) the command may create.</summary>
    public IReadOnlyList<string> MayWrite { get; init; } = Writes.Nothing;

    /// <summary>Text the message must contain (a path, a name, the error).</summary>
    public Func<Scratch, string>? Mentions { get; init; }

    /// <summary>A pattern the error output must match, for messages with a line number.</summary>
    public string? Matches { get; init; }

    /// <summary>The whole error output, for make-eval, which prints exactly what GNU make prints.</summary>
    public Func<Scratch, string>? Stderr { get; init; }

    public override string ToString() => Name;

    public static TheoryData<string> Names(IEnumerable<BadInput> cases)
    {
        var names = cases.Select(c => c.Name).ToList();
        if (names.Distinct().Count() != names.Count) throw new InvalidOperationException("two cases share a name");
        return new TheoryData<string>(names);
    }

    public static void Check(IEnumerable<BadInput> cases, string name) => cases.Single(c => c.Name == name).Check();

    public void Check()
    {
        using var scratch = new Scratch(withTree: !NoTree);
        Setup(scratch);
        var arguments = Arguments(scratch);
        var before = scratch.Snapshot();
        var run = KilnProcess.Run(scratch.Root, arguments);
        var problems = Refusal.Problems(run, [1, 2]);
        problems.AddRange(Refusal.Changes(before, scratch.Snapshot(), MayWrite));
        if (Mentions?.Invoke(scratch) is { } text && !run.Stderr.Contains(text, StringComparison.Ordinal))
            problems.Add($"the message does not name {text}");
        if (Matches is not null && !Regex.IsMatch(run.Stderr, Matches, RegexOptions.Multiline))
            problems.Add($"the message does not match {Matches}");
        if (Stderr?.Invoke(scratch) is { } expected && run.Stderr != expected)
            problems.Add($"stderr is not (as GNU make prints it):\n{expected}");
        Refusal.Assert(run, problems);
    }

    /// <summary>A command line on the scratch copy of the example tree.</summary>
    public static Func<Scratch, string[]> InTree(params string[] arguments) => s => ["--topdir", s.Top, .. arguments];
}

/// <summary>Where commands may write (relative to the scratch folder, whose tree is tree/).</summary>
public static class Writes
{
    public static readonly string[] Nothing = [];

    /// <summary>A scan keeps its results in TREE/tmp/kiln.</summary>
    public static readonly string[] Scan = ["tree/tmp"];

    /// <summary>A build writes its directories; it also packs, indexes and signs (the key pair is made on first use).</summary>
    public static readonly string[] Build = ["tree/tmp", "tree/build_dir", "tree/staging_dir", "tree/logs", "tree/dl", "tree/bin", "tree/key-build",
        "tree/key-build.pub"];

    /// <summary>Clean takes the tree's lock in tmp/ and may keep scan results there; it makes nothing.</summary>
    public static readonly string[] Clean = ["tree/tmp"];

    public static readonly string[] Key = ["tree/key-build", "tree/key-build.pub"];

    /// <summary>index DIR writes DIR's index files, signed with the tree's key.</summary>
    public static string[] Index(string directory) =>
        [.. Key, .. new[] { "Packages", "Packages.gz", "Packages.manifest", "Packages.sig" }.Select(f => Path.Combine(directory, f))];
}

/// <summary>
/// What every refusal must look like: exit status 1 or 2 (130 when interrupted); on stderr one
/// clear message whose first line is "kiln: ...", make's "FILE:LINE: *** message.  Stop." (or
/// "make: ..." from make-eval, which speaks as make), or a build's documented "FAILED: NODE"
/// report followed by its indented reason; no stack trace; nothing created outside the paths the
/// command may write and nothing that was there removed.
/// </summary>
public static class Refusal
{
    private static readonly Regex FirstLine = new(
        @"^(kiln: \S.*|make: \S.*|\S+:\d+: \*\*\* \S.*\.(  Stop\.)?|FAILED: \S+)$", RegexOptions.Compiled);

    private static readonly Regex StackTrace = new(@"^\s+at \S|Exception|Unhandled|--- End of", RegexOptions.Compiled | RegexOptions.Multiline);

    public static List<string> Problems(KilnRun run, int[] statuses)
    {
        var problems = new List<string>();
        if (!statuses.Contains(run.Status))
            problems.Add($"exit status {run.Status}, expected {string.Join(" or ", statuses)}");
        if (run.Stderr.Trim().Length == 0)
        {
            problems.Add("nothing on stderr");
            return problems;
        }
        var lines = run.Stderr.TrimEnd('\n').Split('\n');
        var first = lines[0];
        if (!FirstLine.IsMatch(first))
            problems.Add($"the first line of stderr is not a kiln: or make-style message: {first}");
        if (first.StartsWith("FAILED: ", StringComparison.Ordinal) && (lines.Length < 2 || !lines[1].StartsWith("  ", StringComparison.Ordinal)
            || lines[1].Trim().Length == 0))
            problems.Add("a FAILED: line without its reason under it");
        if (StackTrace.IsMatch(run.Stderr) || StackTrace.IsMatch(run.Stdout))
            problems.Add("a stack trace or exception text in the output");
        if (lines.FirstOrDefault(l => Regex.Matches(l, @"\*\*\*").Count > 1 || l.Contains("..  Stop.", StringComparison.Ordinal)) is { } garbled)
            problems.Add($"a message wrapped in another: {garbled}");
        if (lines.Count(l => l == first) > 1)
            problems.Add("the message is printed more than once");
        return problems;
    }

    /// <summary>Paths created outside <paramref name="mayWrite"/>, and paths that were there and are gone or changed kind.</summary>
    public static IEnumerable<string> Changes(SortedDictionary<string, char> before, SortedDictionary<string, char> after,
        IReadOnlyList<string> mayWrite)
    {
        var created = after.Keys.Where(p => !before.ContainsKey(p) && !mayWrite.Any(w => p == w || p.StartsWith(w + "/", StringComparison.Ordinal)))
            .ToList();
        // A new directory's contents are noise once the directory is named.
        var tops = created.Where(p => !created.Any(q => p.StartsWith(q + "/", StringComparison.Ordinal))).ToList();
        if (tops.Count > 0)
            yield return $"created outside [{string.Join(", ", mayWrite)}]: {string.Join(", ", tops.Take(8))}{(tops.Count > 8 ? ", ..." : "")}";
        var lost = before.Where(e => !after.TryGetValue(e.Key, out var kind) || kind != e.Value).Select(e => e.Key).ToList();
        if (lost.Count > 0)
            yield return $"removed or replaced: {string.Join(", ", lost.Take(8))}";
    }

    public static void Assert(KilnRun run, IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
            Xunit.Assert.Fail(string.Join("\n", problems.Select(p => "- " + p)) + "\n" + run);
    }
}
