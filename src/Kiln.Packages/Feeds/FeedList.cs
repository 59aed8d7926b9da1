namespace Kiln.Packages.Feeds;

/// <summary>
/// The feeds of a tree in priority order: as feeds.conf (else feeds.conf.default) lists them, then
/// any other directory of feeds/ in byte order. A package found in an earlier feed wins.
/// </summary>
public static class FeedList
{
    public static IReadOnlyList<string> Read(string topDirectory)
    {
        var feedsDirectory = Path.Combine(topDirectory, "feeds");
        if (!Directory.Exists(feedsDirectory)) return [];
        var present = Directory.GetDirectories(feedsDirectory).Select(Path.GetFileName).OfType<string>()
            .Where(name => !name.StartsWith('.')).ToHashSet(StringComparer.Ordinal);
        var ordered = new List<string>();
        foreach (var name in Configured(topDirectory))
            if (present.Remove(name)) ordered.Add(name);
        ordered.AddRange(present.Order(StringComparer.Ordinal));
        return ordered;
    }

    /// <summary>Feed names from "src-TYPE NAME ..." lines, comments skipped.</summary>
    private static IEnumerable<string> Configured(string topDirectory)
    {
        var file = new[] { "feeds.conf", "feeds.conf.default" }.Select(f => Path.Combine(topDirectory, f)).FirstOrDefault(File.Exists);
        if (file is null) yield break;
        foreach (var line in File.ReadLines(file))
        {
            var words = line.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && words[0].StartsWith("src-", StringComparison.Ordinal)) yield return words[1];
        }
    }
}
