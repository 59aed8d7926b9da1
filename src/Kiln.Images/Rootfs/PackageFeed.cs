using Kiln.Core.Errors;
using Kiln.Packing.Ipk;

namespace Kiln.Images.Rootfs;

/// <summary>
/// Every package the given directories offer for one architecture: a directory's Packages index
/// when it has one (plus the kernel and libc packages, which OpenWrt keeps out of its indexes but
/// installs from the same directory), else every .ipk under it. Packages for the architecture,
/// <c>all</c> or <c>noarch</c> are kept; when several offer one name, the higher version wins,
/// on equal versions the target's own architecture over <c>all</c>, then the first directory.
/// </summary>
public sealed class PackageFeed
{
    /// <summary>What OpenWrt's index writer leaves out; Image Builder installs them from the package directory by file name.</summary>
    private static readonly string[] UnindexedPrefixes = ["kernel_", "libc_"];

    private readonly Dictionary<string, FeedPackage> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FeedPackage>> _answering = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _otherArchitectures = new(StringComparer.Ordinal);
    private readonly List<string> _namesAsParsed = [];

    private PackageFeed(string architecture) => Architecture = architecture;

    public string Architecture { get; }

    /// <summary>The packages kept, one per name, in the order they were read.</summary>
    public IReadOnlyList<FeedPackage> Packages { get; private set; } = [];

    /// <summary>
    /// Every package name the feeds mention (packages, their dependencies, provides and conflicts)
    /// in the order opkg's parser meets them, which decides where opkg's hash table keeps names
    /// that share a bucket, and so the order of its status file.
    /// </summary>
    internal IReadOnlyList<string> NamesAsParsed => _namesAsParsed;

    public static PackageFeed Read(IReadOnlyList<string> directories, string architecture)
    {
        var feed = new PackageFeed(architecture);
        var order = new List<FeedPackage>();
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
                throw new UserError(File.Exists(directory)
                    ? $"{directory}: is a file, not a package directory"
                    : $"{directory}: no such package directory");
            var index = Path.Combine(directory, "Packages");
            if (File.Exists(index))
            {
                var indexed = new HashSet<string>(StringComparer.Ordinal);
                foreach (var control in ReadIndex(index))
                {
                    var filename = control["Filename"] ?? throw new UserError($"{index}: package {control["Package"]} has no Filename field");
                    var package = FeedPackage.FromControl(control, IpkInside(directory, filename, index), index);
                    indexed.Add(package.Name);
                    feed.Offer(package, order);
                }
                foreach (var path in UnindexedIpks(directory))
                {
                    var package = FromIpk(path);
                    if (!indexed.Contains(package.Name)) feed.Offer(package, order);
                }
            }
            else
            {
                foreach (var path in Directory.EnumerateFiles(directory, "*.ipk", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    feed.Offer(FromIpk(path), order);
            }
        }
        var kept = new List<FeedPackage>();
        foreach (var package in order)
            if (ReferenceEquals(feed._byName[package.Name], package)) kept.Add(package);
        feed.Packages = kept;
        foreach (var package in kept)
        {
            AddAnswering(feed._answering, package.Name, package);
            foreach (var provided in package.Provides) AddAnswering(feed._answering, provided, package);
        }
        foreach (var list in feed._answering.Values) list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return feed;
    }

    /// <summary>The package of this name, if a feed has one for the architecture.</summary>
    public FeedPackage? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Every package that answers to the name (its own or one it provides), sorted by name.</summary>
    public IReadOnlyList<FeedPackage> Answering(string name) => _answering.TryGetValue(name, out var list) ? list : [];

    /// <summary>The other architectures the feeds have a package of this name for (to explain why it is missing).</summary>
    public IReadOnlyCollection<string> OtherArchitecturesOf(string name) =>
        _otherArchitectures.TryGetValue(name, out var set) ? set : [];

    private static void AddAnswering(Dictionary<string, List<FeedPackage>> answering, string name, FeedPackage package)
    {
        if (!answering.TryGetValue(name, out var list)) answering[name] = list = [];
        if (!list.Contains(package)) list.Add(package);
    }

    private void Offer(FeedPackage package, List<FeedPackage> order)
    {
        NoteNames(package.Control);
        var priority = ArchitecturePriority(package.Architecture);
        if (priority == 0)
        {
            if (!_otherArchitectures.TryGetValue(package.Name, out var set)) _otherArchitectures[package.Name] = set = new(StringComparer.Ordinal);
            set.Add(package.Architecture);
            return;
        }
        order.Add(package);
        if (_byName.TryGetValue(package.Name, out var current))
        {
            var comparison = package.Version.CompareTo(current.Version);
            if (comparison < 0 || (comparison == 0 && priority <= ArchitecturePriority(current.Architecture))) return;
        }
        _byName[package.Name] = package;
    }

    /// <summary>opkg's priorities as OpenWrt configures them: the target's architecture above <c>all</c>; anything else is not installable.</summary>
    private int ArchitecturePriority(string architecture) =>
        architecture == Architecture ? 2 : architecture is "all" or "noarch" ? 1 : 0;

    /// <summary>
    /// The names a control stanza mentions, in the order opkg's parser enters them in its table:
    /// field by field (a Provides or Replaces field enters the package's own name first), and the
    /// package's own name last.
    /// </summary>
    private void NoteNames(ControlFile control)
    {
        var name = control["Package"]!.Trim();
        foreach (var (field, value) in control.Fields)
        {
            switch (field)
            {
                case "Depends" or "Pre-Depends" or "Recommends" or "Suggests" or "Conflicts":
                    foreach (var entry in Dependency.ParseList(value))
                        foreach (var target in entry.Alternatives) _namesAsParsed.Add(target.Name);
                    break;
                case "Provides" or "Replaces":
                    _namesAsParsed.Add(name);
                    _namesAsParsed.AddRange(value.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
                    break;
            }
        }
        _namesAsParsed.Add(name);
    }

    private static IEnumerable<ControlFile> ReadIndex(string path)
    {
        var stanza = new System.Text.StringBuilder();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Trim().Length == 0)
            {
                if (stanza.Length > 0) yield return ControlFile.Parse(stanza.ToString());
                stanza.Clear();
                continue;
            }
            stanza.Append(line).Append('\n');
        }
        if (stanza.Length > 0) yield return ControlFile.Parse(stanza.ToString());
    }

    /// <summary>The .ipk an index entry names, which must lie inside the index's directory.</summary>
    private static string IpkInside(string directory, string filename, string index)
    {
        var full = Path.GetFullPath(Path.Combine(directory, filename.Trim()));
        var root = Path.GetFullPath(directory);
        if (Path.IsPathRooted(filename.Trim()) || !full.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal))
            throw new UserError($"{index}: Filename {filename} points outside {directory}");
        return full;
    }

    private static IEnumerable<string> UnindexedIpks(string directory)
    {
        var found = new List<string>();
        foreach (var prefix in UnindexedPrefixes)
            found.AddRange(Directory.EnumerateFiles(directory, prefix + "*.ipk", SearchOption.AllDirectories));
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static FeedPackage FromIpk(string path) => FeedPackage.FromControl(IpkContents.Read(path).Control, Path.GetFullPath(path), path);
}
