using Kiln.Core.Errors;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;

namespace Kiln.Packages.Feeds;

/// <summary>
/// Installs feeds' packages into the tree as scripts/feeds install does: a source package is
/// linked as package/feeds/FEED/DIR -> ../../../feeds/FEED/PATH, from the first feed (the preferred
/// one, then feeds.conf's order) whose index has it, with its build dependencies and the packages its
/// binary packages depend on, recursively. A package package/ has already is left alone (a core
/// package is overridden only with force), and a dependency no feed has is the tree's own, or missing.
/// </summary>
public sealed class FeedInstaller
{
    private readonly string _top;
    private readonly IReadOnlyList<ConfiguredFeed> _feeds;
    private readonly Dictionary<string, FeedMetadata> _metadata = new(StringComparer.Ordinal);
    private readonly TextWriter _messages;

    /// <summary>Source packages of the tree (by directory name): false for what package/ had, true for what this run installed.</summary>
    private readonly Dictionary<string, bool> _installedSources = new(StringComparer.Ordinal);

    /// <summary>The binary packages (and what they provide) the tree has or this run installed.</summary>
    private readonly HashSet<string> _installedPackages = new(StringComparer.Ordinal);

    /// <summary>The directory names of package/'s own source packages (not linked from feeds).</summary>
    private readonly HashSet<string> _core = new(StringComparer.Ordinal);

    private ConfiguredFeed? _preferred;

    /// <param name="packageScan">The scan of the tree's package/, which says what it has.</param>
    /// <param name="output">Where scripts/feeds' printed lines go (a feed without an index, install -a's feed).</param>
    /// <param name="messages">Where its warnings go (each package installed, each one left alone).</param>
    public FeedInstaller(ScanOptions packageScan, IReadOnlyList<ConfiguredFeed> feeds, TextWriter output, TextWriter messages)
    {
        _top = packageScan.TopDirectory;
        _feeds = feeds;
        _messages = messages;
        Output = output;
        foreach (var feed in feeds)
        {
            if (FeedMetadata.Read(_top, feed.Name) is { } metadata) _metadata[feed.Name] = metadata;
            else output.WriteLine($"Ignoring feed '{feed.Name}' - index missing");
        }
        if (!Directory.Exists(Path.Combine(_top, packageScan.ScanDirectory))) return;
        foreach (var source in PackageModel.Build(packageScan, new MetadataScanner(packageScan).Run()))
        {
            var name = Path.GetFileName(source.Directory);
            _installedSources[name] = false;
            if (source.Feed == "base") _core.Add(name);
            foreach (var package in source.Packages) _installedPackages.UnionWith(Provided(package));
        }
    }

    private TextWriter Output { get; }

    /// <summary>Installs the named packages (source or binary package names) and what they need; a name no feed has and the tree lacks is a user error, before anything is installed.</summary>
    public void Install(IReadOnlyList<string> names, string? preferredFeed, bool force)
    {
        _preferred = preferredFeed is null ? null : FeedList.Named(_feeds, preferredFeed);
        var unknown = names.Where(n => FeedOfSource(n) is null && FeedOfPackage(n) is null && !_installedSources.ContainsKey(n) && !_installedPackages.Contains(n))
            .ToList();
        if (unknown.Count > 0)
            throw new UserError($"no feed has {(unknown.Count == 1 ? "a package" : "packages")} {string.Join(", ", unknown.Select(n => $"'{n}'"))} " +
                $"(feeds with an index: {(_metadata.Count == 0 ? "none; run kiln feeds update" : string.Join(", ", _metadata.Keys))})");
        foreach (var name in names)
        {
            if (FeedOfSource(name) is not null) InstallSource(name, force);
            else InstallPackage(name, force);
        }
    }

    /// <summary>Installs every source package of every feed, or of <paramref name="feedName"/> only.</summary>
    public void InstallAll(string? feedName, bool force)
    {
        _preferred = feedName is null ? null : FeedList.Named(_feeds, feedName);
        foreach (var feed in _feeds.Where(f => feedName is null || f.Name == feedName))
        {
            Output.WriteLine($"Installing all packages from feed {feed.Name}.");
            if (!_metadata.TryGetValue(feed.Name, out var metadata)) continue;
            foreach (var name in FeedListing.ByName(metadata.Sources.Select(s => s.Name).Distinct())) InstallSource(name, force);
        }
    }

    private void InstallSource(string name, bool force)
    {
        if (FeedOfSource(name) is not { } feed)
        {
            if (!_installedSources.ContainsKey(name)) _messages.WriteLine($"WARNING: No feed for source package '{name}' found");
            return;
        }
        var source = _metadata[feed.Name].Sources.First(s => s.Name == name);
        force |= feed.Force;
        var overriding = false;
        if (_core.Contains(name))
        {
            if (!force)
            {
                // scripts/feeds says nothing of these two, which every feed's packages depend on.
                if (name is not ("toolchain" or "linux")) _messages.WriteLine($"WARNING: Not overriding core package '{name}'; use -f to force");
                return;
            }
            overriding = true;
        }
        if (_installedSources.TryGetValue(name, out var newly) && (newly || !overriding)) return;
        _installedSources[name] = true;
        foreach (var package in source.Packages) _installedPackages.UnionWith(Provided(package));
        _messages.WriteLine(overriding ? $"Overriding core package '{name}' with version from {feed.Name}" : $"Installing package '{name}' from {feed.Name}");
        Link(feed, source);

        foreach (var dependency in source.BuildDepends.Concat(source.HostBuildDepends))
        {
            // A condition before the last ':' and a /host or other build after the '/' do not name the source.
            if (dependency.Contains('@')) continue;
            var sourceName = dependency[(dependency.LastIndexOf(':') + 1)..].Split('/')[0];
            if (sourceName.Length > 0) InstallSource(sourceName, false);
        }
        foreach (var package in source.Packages)
            foreach (var dependency in package.Depends.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (dependency.Contains('@')) continue;
                var packageName = dependency.TrimStart('+');
                packageName = packageName[(packageName.LastIndexOf(':') + 1)..];
                if (packageName.Length > 0) InstallPackage(packageName, false);
            }
    }

    private void InstallPackage(string name, bool force)
    {
        if (FeedOfPackage(name) is not { } feed)
        {
            if (!_installedPackages.Contains(name)) _messages.WriteLine($"WARNING: No feed for package '{name}' found");
            return;
        }
        var source = _metadata[feed.Name].Sources.First(s => s.Packages.Any(p => Provided(p).Contains(name)));
        InstallSource(source.Name, force);
    }

    /// <summary>package/feeds/FEED/DIR, a link to the feed's directory of the package, replacing one there.</summary>
    private void Link(ConfiguredFeed feed, SourcePackage source)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_top, "package", "feeds", feed.Name)).FullName;
        var link = Path.Combine(directory, Path.GetFileName(source.Directory));
        if (new FileInfo(link).LinkTarget is not null) File.Delete(link);
        File.CreateSymbolicLink(link, "../../../" + source.Directory);
    }

    private ConfiguredFeed? FeedOfSource(string name) => Search(m => m.Sources.Any(s => s.Name == name));

    private ConfiguredFeed? FeedOfPackage(string name) => Search(m => m.Sources.Any(s => s.Packages.Any(p => Provided(p).Contains(name))));

    /// <summary>The first feed with an index that <paramref name="has"/> holds for: the preferred one, then feeds.conf's order.</summary>
    private ConfiguredFeed? Search(Func<FeedMetadata, bool> has) =>
        (_preferred is null ? _feeds : [_preferred, .. _feeds]).FirstOrDefault(f => _metadata.TryGetValue(f.Name, out var m) && has(m));

    /// <summary>A binary package's name and the names it provides.</summary>
    private static IEnumerable<string> Provided(BinaryPackage package) =>
        [package.Name, .. (package.Field("Provides") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Removes the links of the named source packages from package/feeds/*/; a name that is not installed is said and skipped.</summary>
    public static void Uninstall(string topDirectory, IReadOnlyList<string> names, TextWriter messages)
    {
        var installed = Path.Combine(topDirectory, "package", "feeds");
        foreach (var name in names)
        {
            var links = Directory.Exists(installed)
                ? Directory.GetDirectories(installed).Select(feed => Path.Combine(feed, name)).Where(l => new FileInfo(l).LinkTarget is not null).ToList()
                : [];
            if (links.Count == 0)
            {
                messages.WriteLine($"WARNING: {name} not installed");
                continue;
            }
            messages.WriteLine($"Uninstalling package '{name}'");
            foreach (var link in links) File.Delete(link);
        }
    }

    /// <summary>Removes package/feeds: every installed package of every feed.</summary>
    public static void UninstallAll(string topDirectory)
    {
        var installed = Path.Combine(topDirectory, "package", "feeds");
        // Recursive deletion removes the links, not the feeds' directories they lead to.
        if (Directory.Exists(installed)) Directory.Delete(installed, recursive: true);
    }
}
