using Kiln.Core.Errors;
using Kiln.Packages.Feeds;
using Kiln.Packages.Scanning;

namespace Kiln.Packages.Model;

/// <summary>
/// Every source package of a tree: package/ (the base feed), then the feeds in priority order;
/// and the Makefiles that could not be read, which explain a package that seems to be missing.
/// </summary>
public sealed class TreePackages
{
    private TreePackages(IReadOnlyList<SourcePackage> sources, IReadOnlyList<MakefileScan> unreadable)
    {
        Sources = sources;
        Unreadable = unreadable;
    }

    public IReadOnlyList<SourcePackage> Sources { get; }

    /// <summary>Source packages scanned some other way (the host tools of tools/), with the Makefiles that could not be read.</summary>
    public static TreePackages From(IReadOnlyList<SourcePackage> sources, IEnumerable<MakefileScan> unreadable) => new(sources, unreadable.ToList());

    public IReadOnlyList<MakefileScan> Unreadable { get; }

    /// <param name="optionsFor">The scan options for a directory of the tree (package, feeds/NAME).</param>
    public static TreePackages Read(string topDirectory, Func<string, ScanOptions> optionsFor)
    {
        var sources = new List<SourcePackage>();
        var unreadable = new List<MakefileScan>();
        foreach (var directory in ScanDirectories(topDirectory))
        {
            var options = optionsFor(directory);
            var scan = new MetadataScanner(options).Run();
            sources.AddRange(PackageModel.Build(options, scan));
            unreadable.AddRange(scan.Failures);
        }
        return new TreePackages(sources, unreadable);
    }

    public static IEnumerable<string> ScanDirectories(string topDirectory)
    {
        if (Directory.Exists(Path.Combine(topDirectory, "package"))) yield return "package";
        foreach (var feed in FeedList.Read(topDirectory)) yield return "feeds/" + feed;
    }

    /// <summary>
    /// Why the tree has no package <paramref name="name"/>: the error of its own Makefile (in a
    /// directory of that name) when that could not be read, else that it is not there.
    /// </summary>
    public UserError NotFound(string name, string neededBy)
    {
        var own = Unreadable.FirstOrDefault(m => Path.GetFileName(Path.GetDirectoryName(m.SourceMakefile)) == name);
        if (own is not null) return UserError.FromMakeStyle(own.Error!);
        var note = Unreadable.Count == 0 ? ""
            : $" ({Unreadable.Count} Makefile{(Unreadable.Count == 1 ? "" : "s")} could not be read, {Unreadable[0].SourceMakefile} among them)";
        return new UserError($"package '{name}' ({neededBy}) is not in the tree or its feeds{note}");
    }
}
