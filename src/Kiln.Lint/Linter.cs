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
/// <c>kiln lint</c>: the tree scanned as a build scans it (its cache used for the rest of the
/// tree), the packages below the given paths evaluated by that scan with the lint watching where
/// their variables are set, every check run on each package in parallel, silenced findings
/// dropped, the rest sorted.
/// </summary>
public sealed class Linter(IReadOnlyList<IPackageCheck> checks)
{
    /// <summary>Every check of <see cref="LintRules"/>.</summary>
    public static Linter Default => new(
    [
        new LayoutCheck(), new VersionsCheck(), new SourcesCheck(), new RecipesCheck(), new AutotoolsCheck(),
        new DependenciesCheck(), new MetadataCheck(LicenseList.Load()),
        new PatchAppliesCheck(), new AbiVersionCheck(), new LibraryLinksCheck(), new NeededLibrariesCheck(), new DevelopmentFilesCheck(),
    ]);

    /// <param name="progress">Told how many packages are checked, as they finish, and how many there are.</param>
    public LintResult Run(LintOptions options, Action<int, int>? progress = null)
    {
        var top = MakefileDump.Canonical(options.TopDirectory);
        var selection = PathSelection.Of(top, options.Paths);
        var lines = new SourceLines(top);
        // The scan evaluates the selected packages itself (not from its cache) and shows them to the collector: one reading each.
        var collector = new AssignmentCollector(top, selection, lines);
        var tree = TreePackages.Read(options.TopDirectory, directory => options.ScanOptionsFor(directory) with { Inspector = collector });
        var catalog = new TreeCatalog(top, tree.Sources);
        var built = options.Built ? BuiltTree.Read(top) : null;
        var selected = tree.Sources.Where(s => collector.Assignments(s.Directory) is not null).ToList();
        var unreadable = tree.Unreadable.Where(m => selection.Contains(Path.GetDirectoryName(m.SourceMakefile)!)).ToList();
        if (selected.Count == 0 && unreadable.Count == 0) throw selection.NothingThere();

        var findings = new List<Finding>();
        foreach (var makefile in unreadable) findings.Add(Unreadable(makefile.SourceMakefile, makefile.Error!));
        var done = 0;
        var notBuilt = 0;
        ParallelWorkers.RunEach(selected, options.Parallelism, (source, _) =>
        {
            var package = new LintedPackage(source, top, collector.Assignments(source.Directory)!, lines, catalog)
            {
                Built = built is null ? null : PackageBuild.Of(source, built),
            };
            Interlocked.Add(ref notBuilt, package.Built?.NotBuilt.Count ?? 0);
            var found = new List<Finding>();
            foreach (var check in checks) found.AddRange(check.Check(package));
            lock (findings) findings.AddRange(found);
            progress?.Invoke(Interlocked.Increment(ref done), selected.Count);
        });
        var kept = findings.Where(f => !Suppressions.Silences(f, lines)).ToList();
        kept.Sort(Compare);
        return new LintResult(kept, selected.Count + unreadable.Count, findings.Count - kept.Count) { NotBuilt = built is null ? null : notBuilt };
    }

    /// <summary>
    /// The error that stops a Makefile, as a finding where it stops. BuildPackage stops a package
    /// without a TITLE ("Package/NAME is missing the TITLE field"), so that is metadata/title's finding.
    /// </summary>
    private static Finding Unreadable(string makefile, string error)
    {
        const string missingTitle = " is missing the TITLE field";
        var stop = UserError.FromMakeStyle(error);
        var where = stop.Location.IsKnown ? stop.Location : new SourceLocation(makefile, 0);
        if (stop.Reason.StartsWith("Package/", StringComparison.Ordinal) && stop.Reason.EndsWith(missingTitle, StringComparison.Ordinal))
        {
            var name = stop.Reason["Package/".Length..^missingTitle.Length];
            return new Finding(LintRules.TitleMissing, where, $"package {name} has no TITLE, so the build stops here: add TITLE to define Package/{name}");
        }
        return new Finding(LintRules.MakefileUnreadable, where, stop.Reason);
    }

    private static int Compare(Finding a, Finding b)
    {
        var order = string.CompareOrdinal(a.Location.File, b.Location.File);
        if (order == 0) order = a.Location.Line.CompareTo(b.Location.Line);
        if (order == 0) order = string.CompareOrdinal(a.Rule.Id, b.Rule.Id);
        return order != 0 ? order : string.CompareOrdinal(a.Message, b.Message);
    }
}
