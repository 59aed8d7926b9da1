using System.Collections.Concurrent;
using Kiln.Images.Rootfs;
using Kiln.Packing.Ipk;

namespace Kiln.Lint.Built;

/// <summary>
/// The packages built for one architecture as opkg sees them, with which shared objects each
/// ships. The dynamic loader finds a DT_NEEDED library by its file name in the library path, so a
/// package provides a library when it ships a file or link of that name. Each package's list is
/// read from its .ipk the first time a check asks for it (a lint of one package reads its
/// dependencies' packages, not the whole feed); only <see cref="Shipping"/> reads them all.
/// Thread-safe.
/// </summary>
public sealed class BuiltArchitecture
{
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlySet<string>>> _shipped = new(StringComparer.Ordinal);
    private readonly Lazy<Dictionary<string, List<FeedPackage>>> _byLibrary;

    public BuiltArchitecture(PackageFeed feed)
    {
        Feed = feed;
        _byLibrary = new(IndexByLibrary);
    }

    public PackageFeed Feed { get; }

    public string Name => Feed.Architecture;

    /// <summary>The shared objects' names (<c>*.so*</c>, files and links) <paramref name="package"/> ships.</summary>
    public IReadOnlySet<string> SharedObjectsOf(FeedPackage package) =>
        _shipped.GetOrAdd(package.IpkPath, _ => new Lazy<IReadOnlySet<string>>(() => ReadShipped(package))).Value;

    /// <summary>The packages that ship a shared object called <paramref name="name"/>, by name.</summary>
    public IReadOnlyList<FeedPackage> Shipping(string name) => _byLibrary.Value.GetValueOrDefault(name) ?? [];

    /// <summary>
    /// <paramref name="package"/> and every package its control Depends reach, transitively (each
    /// name's every provider, as any of them may be the one installed), and the names on the way
    /// that no package built for the architecture is or provides (opkg would refuse to install it).
    /// </summary>
    public (IReadOnlyList<FeedPackage> Packages, IReadOnlyList<string> Unresolved) Closure(FeedPackage package)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { package.IpkPath };
        var closure = new List<FeedPackage> { package };
        var unresolved = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < closure.Count; i++)
            foreach (var dependency in closure[i].Depends)
                foreach (var target in dependency.Alternatives)
                {
                    var providers = Feed.Answering(target.Name);
                    if (providers.Count == 0) unresolved.Add(target.Name);
                    foreach (var provider in providers)
                        if (seen.Add(provider.IpkPath)) closure.Add(provider);
                }
        return (closure, unresolved.ToList());
    }

    private static HashSet<string> ReadShipped(FeedPackage package)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in IpkContents.Read(package.IpkPath).DataEntries)
            if (!entry.Name.EndsWith('/') && SharedObjectName.Of(entry.Name) is { } name) names.Add(name);
        return names;
    }

    private Dictionary<string, List<FeedPackage>> IndexByLibrary()
    {
        var index = new Dictionary<string, List<FeedPackage>>(StringComparer.Ordinal);
        foreach (var package in Feed.Packages)
            foreach (var name in SharedObjectsOf(package))
            {
                if (!index.TryGetValue(name, out var list)) index[name] = list = [];
                list.Add(package);
            }
        return index;
    }
}
