using Kiln.Packages.Feeds;
using Kiln.Packages.Model;

namespace Kiln.Lint.Packages;

/// <summary>
/// What a lint knows of the whole tree: every binary package by its name and the names it
/// provides, with its source package (and so its feed), every source package by name, and the
/// feeds the tree is configured with but does not have.
/// </summary>
public sealed class TreeCatalog
{
    private readonly Dictionary<string, List<(BinaryPackage Package, SourcePackage Source)>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourcePackage> _sources = new(StringComparer.Ordinal);

    public TreeCatalog(string topDirectory, IReadOnlyList<SourcePackage> sources)
    {
        Sources = sources;
        foreach (var source in sources)
        {
            _sources.TryAdd(source.Name, source);
            _sources.TryAdd(Path.GetFileName(source.Directory), source);
            foreach (var package in source.Packages)
            {
                Add(package.Name, package, source);
                // PROVIDES:=@name provides name without offering it in menuconfig: the name is still provided.
                foreach (var provided in (package.Field("Provides") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    Add(provided.TrimStart('@'), package, source);
            }
        }
        BoardKernelModules = ReadBoardKernelModules(topDirectory);
        var present = sources.Select(s => s.Feed).ToHashSet(StringComparer.Ordinal);
        AbsentFeeds = (FeedList.Configured(topDirectory) ?? []).Select(f => f.Name).Where(name => !present.Contains(name)).ToList();
    }

    public IReadOnlyList<SourcePackage> Sources { get; }

    /// <summary>Feeds that feeds.conf names and the tree does not have: a dependency may be one of theirs.</summary>
    public IReadOnlyList<string> AbsentFeeds { get; }

    /// <summary>
    /// Kernel modules that only some boards define (target/linux/BOARD/*.mk): a scan for one target
    /// does not see them, yet packages may depend on them.
    /// </summary>
    public IReadOnlySet<string> BoardKernelModules { get; }

    /// <summary>The packages called or providing <paramref name="name"/>, with their sources.</summary>
    public IReadOnlyList<(BinaryPackage Package, SourcePackage Source)> Providers(string name) =>
        _byName.TryGetValue(name, out var found) ? found : [];

    /// <summary>The source package with this PKG_NAME or directory name (what PKG_BUILD_DEPENDS names), or null.</summary>
    public SourcePackage? Source(string name) => _sources.GetValueOrDefault(name);

    private void Add(string name, BinaryPackage package, SourcePackage source)
    {
        if (!_byName.TryGetValue(name, out var list)) _byName[name] = list = [];
        list.Add((package, source));
    }

    private static HashSet<string> ReadBoardKernelModules(string topDirectory)
    {
        const string prefix = "define KernelPackage/";
        var modules = new HashSet<string>(StringComparer.Ordinal);
        var boards = Path.Combine(topDirectory, "target", "linux");
        if (!Directory.Exists(boards)) return modules;
        // A board's kernel packages are in its own directory's .mk files (modules.mk), not below it (patches, files).
        foreach (var file in Directory.EnumerateDirectories(boards).SelectMany(board => Directory.EnumerateFiles(board, "*.mk")))
            foreach (var line in File.ReadLines(file))
                if (line.StartsWith(prefix, StringComparison.Ordinal) && line[prefix.Length..].Trim() is var name && name.Length > 0 && !name.Contains('/'))
                    modules.Add("kmod-" + name);
        return modules;
    }
}
