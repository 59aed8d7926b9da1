using System.Text;

namespace Kiln.Packages.Feeds;

/// <summary>What scripts/feeds list prints, in its formats (byte text: titles are the Makefiles' bytes).</summary>
public static class FeedListing
{
    /// <summary>list -n: the feeds' names.</summary>
    public static string Names(IReadOnlyList<ConfiguredFeed> feeds) => string.Concat(feeds.Select(f => f.Name + "\n"));

    /// <summary>list -s: each feed's name, method, revision and sources.</summary>
    public static string Status(string topDirectory, IReadOnlyList<ConfiguredFeed> feeds) =>
        string.Concat(feeds.Select(f =>
            $"{f.Name,-10} {"src-" + f.Method,-8} {FeedCheckout.Revision(topDirectory, f),-8} {string.Join(", ", f.Uris)}\n"));

    /// <summary>list [-r FEED]: the binary packages and targets of each feed's index, by name regardless of case.</summary>
    public static string Packages(string topDirectory, IReadOnlyList<ConfiguredFeed> feeds)
    {
        var text = new StringBuilder();
        foreach (var feed in feeds)
        {
            if (FeedMetadata.Read(topDirectory, feed.Name) is not { } metadata)
            {
                text.Append($"Ignoring feed '{feed.Name}' - index missing\n");
                continue;
            }
            // One line per name: a later definition replaces an earlier one, as in scripts/feeds' table.
            var titles = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var package in metadata.Sources.SelectMany(s => s.Packages)) titles[package.Name] = package.Field("Title") ?? "";
            foreach (var name in ByName(titles.Keys)) text.Append($"{name,-32}\t{titles[name]}\n");
            var targets = metadata.Targets.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.Last().Name, StringComparer.Ordinal);
            foreach (var id in ByName(targets.Keys)) text.Append($"TARGET: {id,-24}\t{targets[id]}\n");
        }
        return text.ToString();
    }

    /// <summary>scripts/feeds' order, lower-cased names compared (then the names themselves, so that the order is always the same).</summary>
    internal static IEnumerable<string> ByName(IEnumerable<string> names) =>
        names.OrderBy(n => n.ToLowerInvariant(), StringComparer.Ordinal).ThenBy(n => n, StringComparer.Ordinal);
}
