using System.Text.RegularExpressions;
using Kiln.Core.Errors;

namespace Kiln.Packages.Feeds;

/// <summary>A feed as feeds.conf declares it: <c>src-METHOD [--FLAG[=VALUE]...] NAME URI...</c>.</summary>
public sealed record ConfiguredFeed(string Method, string Name, IReadOnlyList<string> Uris)
{
    /// <summary>--force on its line: installing from it overrides core packages, as install -f does.</summary>
    public bool Force { get; init; }
}

/// <summary>
/// The feeds of a tree in priority order: as feeds.conf (else feeds.conf.default) lists them, then
/// any other directory of feeds/ in byte order. A package found in an earlier feed wins. feeds/base
/// is no feed: OpenWrt's toplevel.mk makes it a link to package/.
/// </summary>
public static partial class FeedList
{
    public static IReadOnlyList<string> Read(string topDirectory)
    {
        var feedsDirectory = Path.Combine(topDirectory, "feeds");
        if (!Directory.Exists(feedsDirectory)) return [];
        var present = Directory.GetDirectories(feedsDirectory).Select(Path.GetFileName).OfType<string>()
            .Where(name => !name.StartsWith('.') && name != "base").ToHashSet(StringComparer.Ordinal);
        var ordered = new List<string>();
        foreach (var feed in Configured(topDirectory) ?? [])
            if (present.Remove(feed.Name)) ordered.Add(feed.Name);
        ordered.AddRange(present.Order(StringComparer.Ordinal));
        return ordered;
    }

    /// <summary>
    /// The feeds of feeds.conf (else feeds.conf.default), read as scripts/feeds reads them: comments
    /// skipped, <c>src-include FILE</c> read in place; a line that is no feed, or a name given twice,
    /// is a user error naming the line. Null when the tree has neither file.
    /// </summary>
    public static IReadOnlyList<ConfiguredFeed>? Configured(string topDirectory)
    {
        var file = new[] { "feeds.conf", "feeds.conf.default" }.FirstOrDefault(f => File.Exists(Path.Combine(topDirectory, f)));
        if (file is null) return null;
        var feeds = new List<ConfiguredFeed>();
        ReadFile(topDirectory, file, feeds, new HashSet<string>(StringComparer.Ordinal));
        return feeds;
    }

    /// <summary>A configured feed by name, or a user error listing the feeds there are.</summary>
    public static ConfiguredFeed Named(IReadOnlyList<ConfiguredFeed> feeds, string name) =>
        feeds.FirstOrDefault(f => f.Name == name)
            ?? throw new UserError($"no feed '{name}' in feeds.conf (its feeds: {(feeds.Count == 0 ? "none" : string.Join(", ", feeds.Select(f => f.Name)))})");

    /// <summary>The feeds of a tree for the feeds command, which has nothing to do without them.</summary>
    public static IReadOnlyList<ConfiguredFeed> Required(string topDirectory) =>
        Configured(topDirectory) ?? throw new UserError($"{topDirectory}: no feeds.conf or feeds.conf.default");

    // scripts/feeds' pattern: the method, --flags, a name of word characters, then the sources.
    [GeneratedRegex(@"^src-([\w\-]+)((?:\s+--\w+(?:=\S+)?)*)\s+(\w+)(?:\s+(\S.*))?$")]
    private static partial Regex FeedLine();

    [GeneratedRegex(@"\s+--(\w+)(?:=(\S+))?")]
    private static partial Regex Flag();

    /// <param name="file">Relative to the tree, as scripts/feeds (which runs there) opens it.</param>
    private static void ReadFile(string topDirectory, string file, List<ConfiguredFeed> feeds, HashSet<string> names)
    {
        var path = Path.Combine(topDirectory, file);
        if (!File.Exists(path)) throw new UserError($"{file}: no such file (src-include)");
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var hash = raw.IndexOf('#');
            // scripts/feeds removes "#.+": a '#' that ends the line stays.
            var line = hash >= 0 && hash < raw.Length - 1 ? raw[..hash] : raw;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var match = FeedLine().Match(line);
            if (!match.Success)
                throw new UserError($"{file}:{number}: not a feed line (expected src-METHOD NAME SOURCE, NAME letters, digits and _): {raw.Trim()}");
            var (method, name) = (match.Groups[1].Value, match.Groups[3].Value);
            var sources = match.Groups[4].Success ? match.Groups[4].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) : [];
            if (!names.Add(name)) throw new UserError($"{file}:{number}: feed '{name}' is declared twice");
            if (method == "include")
            {
                ReadFile(topDirectory, string.Join(' ', sources), feeds, names);
                continue;
            }
            var force = Flag().Matches(match.Groups[2].Value).Any(f => f.Groups[1].Value == "force");
            feeds.Add(new ConfiguredFeed(method, name, sources) { Force = force });
        }
    }
}
