using Kiln.Core.Errors;
using Kiln.Packages.Feeds;
using Kiln.Packages.Scanning;

namespace Kiln.Packages.Model;

/// <summary>
/// Every source package of a tree, and the Makefiles that could not be read, which explain a
/// package that seems to be missing. In a tree with package/feeds/, as in OpenWrt, a feed's
/// packages are those installed there (<c>kiln feeds install</c>): package/ is read, its own
/// packages first, then the installed ones, attributed to their feed, and a package of package/
/// whose directory name an installed one has is overridden (left out, as scan.awk leaves it out).
/// A tree without package/feeds/ offers package/ then every feeds/NAME in priority order.
/// </summary>
public sealed class TreePackages
{
    /// <summary>The scan of each directory, while its results are recalled from the cache and not all confirmed.</summary>
    private readonly IReadOnlyList<(ScanOptions Options, MetadataScanner Scanner)>? _recalled;

    private TreePackages(IReadOnlyList<SourcePackage> sources, IReadOnlyList<MakefileScan> unreadable,
        IReadOnlyList<(ScanOptions Options, MetadataScanner Scanner)>? recalled = null)
    {
        Sources = sources;
        Unreadable = unreadable;
        _recalled = recalled;
    }

    /// <summary>
    /// True when the packages were recalled from the metadata cache on trust (<see cref="Recall"/>): only those
    /// <see cref="Confirm"/> checked are known to be current, and a package that seems missing may just be new.
    /// </summary>
    public bool Recalled => _recalled is not null;

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
            sources.AddRange(WithInstalledFeeds(PackageModel.Build(options, scan)));
            unreadable.AddRange(scan.Failures);
        }
        return new TreePackages(sources, unreadable);
    }

    /// <summary>
    /// The packages as the metadata cache last saw them, without reading a Makefile (<see cref="MetadataScanner.Recall"/>):
    /// what a build of a few packages starts from, confirming only those it uses. Null when a directory has no cache.
    /// </summary>
    public static TreePackages? Recall(string topDirectory, Func<string, ScanOptions> optionsFor)
    {
        var scans = new List<(ScanOptions Options, MetadataScanner Scanner, ScanResult Result)>();
        foreach (var directory in ScanDirectories(topDirectory))
        {
            var options = optionsFor(directory);
            var scanner = new MetadataScanner(options);
            if (scanner.Recall() is not { } result) return null;
            scans.Add((options, scanner, result));
        }
        return FromRecalled(scans);
    }

    /// <summary>
    /// Checks the recalled metadata of <paramref name="used"/> against what it was read from (see
    /// <see cref="MetadataScanner.Confirm"/>); returns the packages with what changed read again, or this when nothing did.
    /// </summary>
    public TreePackages Confirm(IEnumerable<SourcePackage> used)
    {
        if (_recalled is null) return this;
        var directories = used.Select(s => s.Directory).ToHashSet(StringComparer.Ordinal);
        var changed = false;
        foreach (var (options, scanner) in _recalled)
        {
            var prefix = options.ScanDirectory + "/";
            var mine = directories.Where(d => d.StartsWith(prefix, StringComparison.Ordinal)).Select(d => d[prefix.Length..]).Order(StringComparer.Ordinal);
            changed |= scanner.Confirm(mine);
        }
        return changed ? FromRecalled(_recalled.Select(r => (r.Options, r.Scanner, r.Scanner.RecalledResult())).ToList()) : this;
    }

    private static TreePackages FromRecalled(List<(ScanOptions Options, MetadataScanner Scanner, ScanResult Result)> scans) => new(
        scans.SelectMany(s => WithInstalledFeeds(PackageModel.Build(s.Options, s.Result))).ToList(),
        scans.SelectMany(s => s.Result.Failures).ToList(),
        scans.Select(s => (s.Options, s.Scanner)).ToList());

    public static IEnumerable<string> ScanDirectories(string topDirectory)
    {
        if (Directory.Exists(Path.Combine(topDirectory, "package"))) yield return "package";
        if (Directory.Exists(Path.Combine(topDirectory, "package", "feeds"))) yield break;
        foreach (var feed in FeedList.Read(topDirectory)) yield return "feeds/" + feed;
    }

    /// <summary>package/'s own packages, then those installed from feeds, each replacing a package of package/ with its directory name.</summary>
    private static IEnumerable<SourcePackage> WithInstalledFeeds(IReadOnlyList<SourcePackage> scanned)
    {
        var installed = scanned.Where(IsInstalled).ToList();
        var overridden = installed.Select(s => Path.GetFileName(s.Directory)).ToHashSet(StringComparer.Ordinal);
        return scanned.Where(s => !IsInstalled(s) && !overridden.Contains(Path.GetFileName(s.Directory))).Concat(installed);
    }

    private static bool IsInstalled(SourcePackage source) => source.Directory.StartsWith("package/feeds/", StringComparison.Ordinal);

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
