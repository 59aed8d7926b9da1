namespace Kiln.Packages.Feeds;

/// <summary>A feed as feeds.conf declares it: <c>src-METHOD NAME URI...</c>.</summary>
public sealed record ConfiguredFeed(string Method, string Name, IReadOnlyList<string> Uris);

/// <summary>
/// The feeds of a tree in priority order: as feeds.conf (else feeds.conf.default) lists them, then
/// any other directory of feeds/ in byte order. A package found in an earlier feed wins. feeds/base
/// is no feed: OpenWrt's toplevel.mk makes it a link to package/.
/// </summary>
public static class FeedList
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

    /// <summary>The feeds of feeds.conf (else feeds.conf.default), comments skipped; null when the tree has neither file.</summary>
    public static IReadOnlyList<ConfiguredFeed>? Configured(string topDirectory)
    {
        var file = new[] { "feeds.conf", "feeds.conf.default" }.Select(f => Path.Combine(topDirectory, f)).FirstOrDefault(File.Exists);
        if (file is null) return null;
        var feeds = new List<ConfiguredFeed>();
        foreach (var line in File.ReadLines(file))
        {
            var words = line.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && words[0].StartsWith("src-", StringComparison.Ordinal))
                feeds.Add(new ConfiguredFeed(words[0]["src-".Length..], words[1], words[2..]));
        }
        return feeds;
    }
}
