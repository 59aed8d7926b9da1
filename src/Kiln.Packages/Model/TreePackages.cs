using Kiln.Core.Errors;
using Kiln.Core.Parallel;
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

    private readonly Lazy<IReadOnlyList<SourcePackage>> _all;
    private readonly Lazy<IReadOnlyList<MakefileScan>> _unreadable;
    private readonly Lazy<PackageIndex> _index;

    private TreePackages(IReadOnlyList<SourcePackage> sources, IReadOnlyList<MakefileScan> unreadable)
    {
        _all = new(sources);
        _unreadable = new(unreadable);
        _index = new(() => new PackageIndex(sources));
    }

    /// <summary>Sources known by their names, each read when first asked for.</summary>
    private TreePackages(IReadOnlyList<(SourceNames Names, Lazy<SourcePackage> Source)> sources, Func<IReadOnlyList<MakefileScan>> unreadable,
        IReadOnlyList<(ScanOptions Options, MetadataScanner Scanner)> recalled)
    {
        _recalled = recalled;
        Lazy<SourcePackage>[] read = [.. sources.Select(s => s.Source)];
        _all = new(() =>
        {
            ParallelWorkers.Run(read.Length, 0, i => _ = read[i].Value);
            return [.. read.Select(s => s.Value)];
        });
        _unreadable = new(unreadable);
        var names = sources.Select(s => s.Names).ToList();
        _index = new(() => new PackageIndex(names, i => read[i].Value));
    }

    /// <summary>
    /// True when the packages were recalled from the metadata cache on trust (<see cref="Recall"/>): only those
    /// <see cref="Confirm"/> checked are known to be current, and a package that seems missing may just be new.
    /// </summary>
    public bool Recalled => _recalled is not null;

    /// <summary>Every source package (those recalled are all read, on every core, when first asked for).</summary>
    public IReadOnlyList<SourcePackage> Sources => _all.Value;

    /// <summary>The sources' packages and names, for lookups that read only the sources they find.</summary>
    public PackageIndex Index => _index.Value;

    /// <summary>Source packages scanned some other way (the host tools of tools/), with the Makefiles that could not be read.</summary>
    public static TreePackages From(IReadOnlyList<SourcePackage> sources, IEnumerable<MakefileScan> unreadable) => new(sources, unreadable.ToList());

    public IReadOnlyList<MakefileScan> Unreadable => _unreadable.Value;

    /// <param name="optionsFor">The scan options for a directory of the tree (package, feeds/NAME).</param>
    public static TreePackages Read(string topDirectory, Func<string, ScanOptions> optionsFor)
    {
        var sources = new List<SourcePackage>();
        var unreadable = new List<MakefileScan>();
        foreach (var directory in ScanDirectories(topDirectory))
        {
            var options = optionsFor(directory);
            var scan = new MetadataScanner(options).Run();
            sources.AddRange(WithInstalledFeeds(PackageModel.Build(options, scan), s => s.Directory));
            unreadable.AddRange(scan.Failures);
        }
        return new TreePackages(sources, unreadable);
    }

    /// <summary>
    /// The packages as the metadata cache last saw them, without reading a Makefile (<see cref="MetadataScanner.Recall"/>):
    /// what a build of a few packages starts from, confirming only those it uses. Null when a directory has no cache.
    /// Only the sources' names are read (<see cref="SourceNamesFile"/>); a source's metadata is decoded when a lookup
    /// finds it.
    /// </summary>
    public static TreePackages? Recall(string topDirectory, Func<string, ScanOptions> optionsFor)
    {
        var scans = new List<(ScanOptions Options, MetadataScanner Scanner)>();
        foreach (var directory in ScanDirectories(topDirectory))
        {
            var options = optionsFor(directory);
            var scanner = new MetadataScanner(options);
            if (scanner.Recall() is null) return null;
            scans.Add((options, scanner));
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
        return changed ? FromRecalled(_recalled) : this;
    }

    private static TreePackages FromRecalled(IReadOnlyList<(ScanOptions Options, MetadataScanner Scanner)> scans)
    {
        var sources = new List<(SourceNames Names, Lazy<SourcePackage> Source)>();
        var failed = new List<(MetadataScanner Scanner, string Directory)>();
        foreach (var (options, scanner) in scans)
        {
            var recalled = scanner.RecalledNow();
            var names = recalled.Digest is { } digest ? SourceNamesFile.Read(SourceNamesFile.For(recalled.CacheFile), digest, recalled.Directories) : null;
            var mine = new List<(SourceNames Names, Lazy<SourcePackage> Source)>();
            if (names is null)
            {
                // No names for this state of the cache: every result is read, and the names are kept for the next build.
                var result = scanner.RecalledResult();
                var built = PackageModel.Build(options, result);
                names = new SourceNames?[result.Makefiles.Count];
                for (int i = 0, next = 0; i < names.Length; i++)
                {
                    if (result.Makefiles[i].Failed) continue;
                    names[i] = SourceNames.Of(built[next]);
                    mine.Add((names[i]!, new Lazy<SourcePackage>(built[next++])));
                }
                if (recalled.Digest is { } written) SourceNamesFile.Write(SourceNamesFile.For(recalled.CacheFile), written, recalled.Directories, names);
            }
            else
            {
                for (var i = 0; i < names.Length; i++)
                {
                    var directory = recalled.Directories[i];
                    if (names[i] is { } known) mine.Add((known, new Lazy<SourcePackage>(() => PackageModel.Build(options, scanner.RecalledScan(directory)))));
                }
            }
            for (var i = 0; i < names.Length; i++)
                if (names[i] is null) failed.Add((scanner, recalled.Directories[i]));
            sources.AddRange(WithInstalledFeeds(mine, s => s.Names.Directory));
        }
        return new TreePackages(sources, () => [.. failed.Select(f => f.Scanner.RecalledScan(f.Directory))], scans);
    }

    public static IEnumerable<string> ScanDirectories(string topDirectory)
    {
        if (Directory.Exists(Path.Combine(topDirectory, "package"))) yield return "package";
        if (Directory.Exists(Path.Combine(topDirectory, "package", "feeds"))) yield break;
        foreach (var feed in FeedList.Read(topDirectory)) yield return "feeds/" + feed;
    }

    /// <summary>package/'s own packages, then those installed from feeds, each replacing a package of package/ with its directory name.</summary>
    private static IEnumerable<T> WithInstalledFeeds<T>(IReadOnlyList<T> scanned, Func<T, string> directoryOf)
    {
        bool IsInstalled(T source) => directoryOf(source).StartsWith("package/feeds/", StringComparison.Ordinal);
        var installed = scanned.Where(IsInstalled).ToList();
        var overridden = installed.Select(s => Path.GetFileName(directoryOf(s))).ToHashSet(StringComparer.Ordinal);
        return scanned.Where(s => !IsInstalled(s) && !overridden.Contains(Path.GetFileName(directoryOf(s)))).Concat(installed);
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
