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
    private readonly Dictionary<string, List<(string Feed, string Architecture)>> _otherArchitectures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _parsedPosition = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FeedPackage>> _byStem = new(StringComparer.Ordinal);

    private PackageFeed(string architecture) => Architecture = architecture;

    public string Architecture { get; }

    /// <summary>The packages kept, one per name, in the order they were read.</summary>
    public IReadOnlyList<FeedPackage> Packages { get; private set; } = [];

    /// <summary>
    /// Where a name first comes among the names the feeds mention (packages, their dependencies,
    /// provides and conflicts) in the order opkg's parser meets them, which decides where opkg's
    /// hash table keeps names that share a bucket, and so the order of its status file; null for a
    /// name no feed mentions.
    /// </summary>
    internal int? ParsedPosition(string name) => _parsedPosition.TryGetValue(name, out var position) ? position : null;

    /// <summary>
    /// The packages whose names differ from <paramref name="name"/> only in a trailing ABI version
    /// (libbar1 for libbar2), to say what the feeds have when a library's ABI name is missing.
    /// </summary>
    public IReadOnlyList<FeedPackage> NearNames(string name)
    {
        if (!_byStem.TryGetValue(Stem(name), out var list)) return [];
        var near = new List<FeedPackage>(list.Count);
        foreach (var package in list)
            if (package.Name != name) near.Add(package);
        return near;
    }

    /// <summary>A name without its trailing ABI version: digits, dots and underscores, then a dash ("libfoo-1.2" is "libfoo").</summary>
    private static string Stem(string name)
    {
        var end = name.Length;
        while (end > 0 && (char.IsAsciiDigit(name[end - 1]) || name[end - 1] is '.' or '_')) end--;
        if (end > 0 && end < name.Length && name[end - 1] == '-') end--;
        return end == 0 ? name : name[..end];
    }

    /// <param name="ignoreIndexes">Read every .ipk even where a Packages index lists them: what was built, when the index may be older (<c>kiln lint --built</c>).</param>
    public static PackageFeed Read(IReadOnlyList<string> directories, string architecture, bool ignoreIndexes = false)
    {
        var feed = new PackageFeed(architecture);
        var order = new List<FeedPackage>();
        foreach (var directory in directories)
        {
            var feedName = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
            if (!Directory.Exists(directory))
                throw new UserError(File.Exists(directory)
                    ? $"{directory}: is a file, not a package directory"
                    : $"{directory}: no such package directory");
            var index = Path.Combine(directory, "Packages");
            if (!ignoreIndexes && File.Exists(index))
            {
                var indexed = new HashSet<string>(StringComparer.Ordinal);
                foreach (var control in ReadIndex(index))
                {
                    var filename = control["Filename"] ?? throw new UserError($"{index}: package {control["Package"]} has no Filename field");
                    var package = FeedPackage.FromControl(control, IpkInside(directory, filename, index), index, feedName);
                    indexed.Add(package.Name);
                    feed.Offer(package, order);
                }
                foreach (var path in UnindexedIpks(directory))
                {
                    var package = FromIpk(path, feedName);
                    if (!indexed.Contains(package.Name)) feed.Offer(package, order);
                }
            }
            else
            {
                foreach (var path in Directory.EnumerateFiles(directory, "*.ipk", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    feed.Offer(FromIpk(path, feedName), order);
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
        foreach (var package in kept)
        {
            var stem = Stem(package.Name);
            if (!feed._byStem.TryGetValue(stem, out var list)) feed._byStem[stem] = list = [];
            list.Add(package);
        }
        return feed;
    }

    /// <summary>The package of this name, if a feed has one for the architecture.</summary>
    public FeedPackage? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Every package that answers to the name (its own or one it provides), sorted by name.</summary>
    public IReadOnlyList<FeedPackage> Answering(string name) => _answering.TryGetValue(name, out var list) ? list : [];

    /// <summary>The feeds that have a package of this name for other architectures, and which (to explain why it is missing).</summary>
    public IReadOnlyList<(string Feed, string Architecture)> OtherArchitecturesOf(string name) =>
        _otherArchitectures.TryGetValue(name, out var list) ? list : [];

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
            if (!_otherArchitectures.TryGetValue(package.Name, out var list)) _otherArchitectures[package.Name] = list = [];
            if (!list.Contains((package.Feed, package.Architecture))) list.Add((package.Feed, package.Architecture));
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
                        foreach (var target in entry.Alternatives) NoteName(target.Name);
                    break;
                case "Provides" or "Replaces":
                    NoteName(name);
                    foreach (var provided in value.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries)) NoteName(provided);
                    break;
            }
        }
        NoteName(name);
    }

    private void NoteName(string name) => _parsedPosition.TryAdd(name, _parsedPosition.Count);

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

    private static FeedPackage FromIpk(string path, string feed) =>
        FeedPackage.FromControl(IpkContents.Read(path).Control, Path.GetFullPath(path), path, feed);
}
