namespace Kiln.Packages.Model;

/// <summary>
/// Binary packages by name (and by what they provide) across source packages, to resolve what
/// a dependency names into the packages that satisfy it.
/// </summary>
public sealed class PackageIndex
{
    private readonly Dictionary<string, BinaryPackage> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<BinaryPackage>> _providers = new(StringComparer.Ordinal);

    public PackageIndex(IEnumerable<SourcePackage> sources)
    {
        foreach (var package in sources.SelectMany(s => s.Packages))
        {
            _byName.TryAdd(package.Name, package);
            foreach (var provided in (package.Field("Provides") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!_providers.TryGetValue(provided, out var list)) _providers[provided] = list = [];
                list.Add(package);
            }
        }
    }

    public BinaryPackage? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The packages that satisfy a dependency on <paramref name="name"/>: the package itself, else those that provide it.</summary>
    public IReadOnlyList<BinaryPackage> Satisfying(string name) =>
        _byName.TryGetValue(name, out var package) ? [package] : _providers.GetValueOrDefault(name) ?? [];

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
}
