namespace Kiln.Packages.Model;

/// <summary>
/// Binary packages by name (and by what they provide) across source packages, to resolve what
/// a dependency names into the packages that satisfy it; and source packages by name. A name
/// found in several sources means the first. Built from the sources' names alone
/// (<see cref="SourceNames"/>), it asks for a source's metadata only when a lookup needs it.
/// </summary>
public sealed class PackageIndex
{
    private readonly Func<int, SourcePackage> _source;
    private readonly Dictionary<string, (int Source, int Package)> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Source, int Package)>> _providers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sourceByName = new(StringComparer.Ordinal);

    public PackageIndex(IEnumerable<SourcePackage> sources)
    {
        var list = sources.ToList();
        _source = i => list[i];
        Add(list.Select(SourceNames.Of).ToList());
    }

    /// <param name="names">The names of each source, in the order of the sources.</param>
    /// <param name="source">The source of that position in <paramref name="names"/>, whose packages are named in the same order.</param>
    public PackageIndex(IReadOnlyList<SourceNames> names, Func<int, SourcePackage> source)
    {
        _source = source;
        Add(names);
    }

    private void Add(IReadOnlyList<SourceNames> names)
    {
        for (var s = 0; s < names.Count; s++)
        {
            var packages = names[s].Packages;
            for (var p = 0; p < packages.Count; p++)
            {
                _byName.TryAdd(packages[p].Name, (s, p));
                foreach (var provided in packages[p].Provides)
                {
                    if (!_providers.TryGetValue(provided, out var list)) _providers[provided] = list = [];
                    list.Add((s, p));
                }
            }
        }
        for (var s = 0; s < names.Count; s++)
        {
            _sourceByName.TryAdd(names[s].Name, s);
            _sourceByName.TryAdd(Path.GetFileName(names[s].Directory), s);
        }
    }

    public BinaryPackage? Find(string name) => _byName.TryGetValue(name, out var at) ? Package(at) : null;

    /// <summary>The packages that satisfy a dependency on <paramref name="name"/>: the package itself, else those that provide it.</summary>
    public IReadOnlyList<BinaryPackage> Satisfying(string name) =>
        _byName.TryGetValue(name, out var at) ? [Package(at)]
        : _providers.TryGetValue(name, out var providers) ? providers.Select(Package).ToList() : [];

    /// <summary>The source that defines the binary package <paramref name="packageName"/>, or null.</summary>
    public SourcePackage? SourceOf(string packageName) => _byName.TryGetValue(packageName, out var at) ? _source(at.Source) : null;

    /// <summary>The source package of that name (PKG_NAME), or in a directory of that name; null if none.</summary>
    public SourcePackage? SourceNamed(string name) => _sourceByName.TryGetValue(name, out var at) ? _source(at) : null;

    /// <summary>
    /// The names <paramref name="package"/> depends on once installed: each package dependency
    /// rewritten to the installed name (ABI suffix) of the package it names, when that is known.
    /// </summary>
    public IReadOnlyList<string> InstalledDependencies(BinaryPackage package) => InstalledDependencies(package, _ => true);

    /// <summary>
    /// What the packer writes in the package's Depends field: the installed names of the package
    /// dependencies that <paramref name="holds"/> keeps (those whose condition holds in the .config), in order, once each.
    /// </summary>
    public IReadOnlyList<string> InstalledDependencies(BinaryPackage package, Func<Dependency, bool> holds) =>
        package.ParsedDepends.Where(d => d.Package is not null && holds(d))
            .Select(d => Find(d.Package!)?.InstalledName ?? d.Package!)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private BinaryPackage Package((int Source, int Package) at) => _source(at.Source).Packages[at.Package];
}

/// <summary>What the lookups of <see cref="PackageIndex"/> need of a source package: its directory, its name, and its binary packages' names.</summary>
public sealed record SourceNames(string Directory, string Name, IReadOnlyList<BinaryNames> Packages)
{
    public static SourceNames Of(SourcePackage source) => new(source.Directory, source.Name,
        source.Packages.Select(p => new BinaryNames(p.Name, (p.Field("Provides") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList());
}

/// <summary>A binary package's name and the names it provides.</summary>
public sealed record BinaryNames(string Name, IReadOnlyList<string> Provides);
