using Kiln.Lint.Findings;
using Kiln.Packages.Scanning;

namespace Kiln.Lint.Tests;

/// <summary>The fixture tree (a package per rule, clean packages, two feeds) linted once for a test class.</summary>
public sealed class FixtureTree
{
    public static string Top => Path.Combine(Fixtures.Root, "tree");

    public FixtureTree() => Result = Lint([]);

    public LintResult Result { get; }

    /// <summary>Lints <paramref name="paths"/> of the fixture tree without a scan cache (nothing is written into it).</summary>
    public static LintResult Lint(IReadOnlyList<string> paths) =>
        Linter.Default.Run(new LintOptions(Top, paths, directory => new ScanOptions(Top, directory)));

    /// <summary>The findings about files below <paramref name="directory"/> (relative to the tree).</summary>
    public IReadOnlyList<Finding> In(string directory) =>
        Result.Findings.Where(f => f.Location.File!.StartsWith(directory + "/", StringComparison.Ordinal)).ToList();

    /// <summary>The line of <paramref name="file"/> (relative to the tree) that first contains <paramref name="text"/>.</summary>
    public static int LineOf(string file, string text) =>
        Fixtures.LineWhere(Path.Combine(Top, file), l => l.Contains(text, StringComparison.Ordinal), $"no line with '{text}'");
}
