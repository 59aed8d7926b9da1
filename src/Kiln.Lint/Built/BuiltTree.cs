using Kiln.Images.Rootfs;
using Kiln.Packages.Model;

namespace Kiln.Lint.Built;

/// <summary>
/// What the build produced, read once per lint: for each architecture of bin/packages, the
/// packages opkg would see there (its feeds' directories, and the target's package directories,
/// where the toolchain's libc and the kernel modules are).
/// </summary>
public sealed class BuiltTree
{
    private BuiltTree(IReadOnlyList<BuiltArchitecture> architectures) => Architectures = architectures;

    /// <summary>One per directory of bin/packages, in name order.</summary>
    public IReadOnlyList<BuiltArchitecture> Architectures { get; }

    public static BuiltTree Read(string topDirectory)
    {
        var packages = Path.Combine(topDirectory, "bin", "packages");
        var targets = Path.Combine(topDirectory, "bin", "targets");
        var targetDirectories = Directory.Exists(targets)
            ? Directory.EnumerateDirectories(targets).SelectMany(Directory.EnumerateDirectories).Select(d => Path.Combine(d, "packages"))
                .Where(Directory.Exists).Order(StringComparer.Ordinal).ToList()
            : [];
        var architectures = new List<BuiltArchitecture>();
        if (Directory.Exists(packages))
            foreach (var directory in Directory.EnumerateDirectories(packages).Order(StringComparer.Ordinal))
            {
                var feeds = Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal);
                // Targets come first: where a package is in both (libgcc), the two are the same build.
                // The .ipk files, not the indexes: a build that stopped early leaves an index older than its packages.
                var feed = PackageFeed.Read([.. targetDirectories, .. feeds], Path.GetFileName(directory), ignoreIndexes: true);
                architectures.Add(new BuiltArchitecture(feed));
            }
        return new BuiltTree(architectures);
    }

    /// <summary>
    /// The .ipk files of <paramref name="binary"/> at the version the tree has now, one per
    /// architecture it was built for; none when it was not built (or only an older version was).
    /// </summary>
    public List<(FeedPackage Ipk, BuiltArchitecture Architecture)> IpksOf(BinaryPackage binary)
    {
        var found = new List<(FeedPackage, BuiltArchitecture)>();
        foreach (var architecture in Architectures)
            if (architecture.Feed.Find(binary.InstalledName) is { } ipk && ipk.Control["Version"] == binary.Version
                && !found.Exists(f => f.Item1.IpkPath == ipk.IpkPath))
                found.Add((ipk, architecture));
        return found;
    }
}
