using Kiln.Core.Errors;
using Kiln.Core.Parallel;
using Kiln.Lint.Built;
using Kiln.Lint.Checks;
using Kiln.Lint.Findings;
using Kiln.Lint.Packages;
using Kiln.Lint.Rules;
using Kiln.OpenWrt.Evaluation;
using Kiln.Packages.Model;

namespace Kiln.Lint;

/// <summary>
/// <c>kiln lint</c>: the tree scanned as a build scans it (its cache used), the packages below
/// the given paths read once more for where their variables are set, every check run on each
/// package in parallel, silenced findings dropped, the rest sorted.
/// </summary>
public sealed class Linter(IReadOnlyList<IPackageCheck> checks)
{
    /// <summary>Every check of <see cref="LintRules"/>.</summary>
    public static Linter Default => new(
    [
        new PatchAppliesCheck(),
        new AbiVersionCheck(),
        new LibraryLinksCheck(),
        new NeededLibrariesCheck(),
        new DevelopmentFilesCheck(),
    ]);

    /// <param name="progress">Told how many packages are done, as they finish, and how many there are.</param>
    public LintResult Run(LintOptions options, Action<int, int>? progress = null)
    {
        var tree = TreePackages.Read(options.TopDirectory, options.ScanOptionsFor);
        var dump = new MakefileDump(options.TopDirectory, null, TimeSpan.FromSeconds(60));
        var top = dump.TopDirectory;
        var catalog = new TreeCatalog(top, tree.Sources);
        var selection = PathSelection.Of(top, options.Paths);
        var selected = tree.Sources.Where(s => selection.Contains(s.Directory)).ToList();
        var unreadable = tree.Unreadable.Where(m => selection.Contains(Path.GetDirectoryName(m.SourceMakefile)!)).ToList();
        if (selected.Count == 0 && unreadable.Count == 0) throw selection.NothingThere();

        var lines = new SourceLines(top);
        var reader = new PackageReader(dump, lines, catalog, options.Built ? BuiltTree.Read(top) : null);
        var findings = new List<Finding>();
        foreach (var makefile in unreadable)
        {
            var error = UserError.FromMakeStyle(makefile.Error!);
            findings.Add(new Finding(LintRules.MakefileUnreadable,
                error.Location.IsKnown ? error.Location : new SourceLocation(makefile.SourceMakefile, 0), error.Reason));
        }
        var done = 0;
        var notBuilt = 0;
        ParallelWorkers.RunEach(selected, options.Parallelism, (source, _) =>
        {
            var (found, unbuilt) = Check(reader, source);
            Interlocked.Add(ref notBuilt, unbuilt);
            lock (findings) findings.AddRange(found);
            progress?.Invoke(Interlocked.Increment(ref done), selected.Count);
        });
        var kept = findings.Where(f => !Suppressions.Silences(f, lines)).ToList();
        kept.Sort(Compare);
        return new LintResult(kept, selected.Count + unreadable.Count, findings.Count - kept.Count) { NotBuilt = options.Built ? notBuilt : null };
    }

    /// <returns>The package's findings, and how many of its binary packages have no .ipk (with <c>--built</c>).</returns>
    private (List<Finding> Findings, int NotBuilt) Check(PackageReader reader, SourcePackage source)
    {
        var (package, error) = reader.Read(source);
        if (package is null)
        {
            var failure = UserError.FromMakeStyle(error!);
            return ([new Finding(LintRules.MakefileUnreadable, failure.Location.IsKnown ? failure.Location : new SourceLocation(source.Makefile, 0), failure.Reason)], 0);
        }
        var found = new List<Finding>();
        foreach (var check in checks) found.AddRange(check.Check(package));
        return (found, package.Built?.NotBuilt.Count ?? 0);
    }

    private static int Compare(Finding a, Finding b)
    {
        var order = string.CompareOrdinal(a.Location.File, b.Location.File);
        if (order == 0) order = a.Location.Line.CompareTo(b.Location.Line);
        if (order == 0) order = string.CompareOrdinal(a.Rule.Id, b.Rule.Id);
        return order != 0 ? order : string.CompareOrdinal(a.Message, b.Message);
    }
}
