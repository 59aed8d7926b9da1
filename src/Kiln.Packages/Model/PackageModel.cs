using Kiln.Core.Parallel;
using Kiln.Packages.Scanning;

namespace Kiln.Packages.Model;

/// <summary>Builds source packages from a scan: its metadata text, the facts its evaluations gathered, and the package directories.</summary>
public static class PackageModel
{
    public static IReadOnlyList<SourcePackage> Build(ScanOptions options, ScanResult scan)
    {
        var feed = FeedOf(options.ScanDirectory);
        var makefiles = scan.Makefiles.Where(m => !m.Failed).ToList();
        var sources = new SourcePackage[makefiles.Count];
        ParallelWorkers.Run(makefiles.Count, options.Parallelism, i => sources[i] = Build(options.TopDirectory, feed, makefiles[i]));
        return sources;
    }

    /// <summary>The source package of one Makefile of the scan (which did not fail).</summary>
    public static SourcePackage Build(ScanOptions options, MakefileScan makefile) => Build(options.TopDirectory, FeedOf(options.ScanDirectory), makefile);

    /// <summary>
    /// "base" for the tree's package/, the feed's name for feeds/NAME and for package/feeds/NAME
    /// (where a feed's installed packages are linked).
    /// </summary>
    public static string FeedOf(string directory)
    {
        var parts = directory.Trim('/').Split('/');
        return parts is ["package", "feeds", var installed, ..] ? installed
            : parts is ["package", ..] ? "base" : parts is ["feeds", var name, ..] ? name : parts[^1];
    }

    private static SourcePackage Build(string topDirectory, string feed, MakefileScan scan)
    {
        var text = PackageInfoParser.ParseBlock(scan.SourceMakefile, scan.Output);
        var facts = scan.Facts;
        var directory = Path.GetDirectoryName(scan.SourceMakefile)!;
        if (directory.StartsWith("package/feeds/", StringComparison.Ordinal)) feed = FeedOf(directory);
        var packages = text.Packages.Select(p =>
        {
            var seen = facts.Packages.FirstOrDefault(f => f.Name == p.Name);
            return p with { Variables = seen?.Fields ?? [], Hooks = seen?.Hooks ?? [] };
        }).ToList();
        return text with
        {
            Directory = directory,
            Feed = feed,
            Variables = facts.SourceVariables,
            HostBuild = facts.HostBuild,
            Files = new PackageFiles(() => PackageFilesOf(topDirectory, directory, facts)),
            Packages = packages,
        };
    }

    private static (string? FilesDirectory, IReadOnlyList<string> Patches, string? SourceDirectory) PackageFilesOf(string topDirectory, string directory, MakefileFacts facts)
    {
        var packageDirectory = Path.Combine(topDirectory, directory);
        string Relative(string path) => Path.GetRelativePath(topDirectory, path).Replace('\\', '/');
        string? Existing(string path) => System.IO.Directory.Exists(path) ? Relative(path) : null;

        var filesDirectory = Existing(facts.Variable("FILES_DIR") is { Length: > 0 } files ? files : Path.Combine(packageDirectory, "files"));
        var patchDirectory = facts.Variable("PATCH_DIR") is { Length: > 0 } patches ? patches : Path.Combine(packageDirectory, "patches");
        var patchList = PatchSeries.InOrder(patchDirectory).Select(name => Relative(Path.Combine(patchDirectory, name))).ToList();
        return (filesDirectory, patchList, Existing(Path.Combine(packageDirectory, "src")));
    }
}
