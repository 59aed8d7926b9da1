using System.Text;

namespace Kiln.Packages.Feeds;

/// <summary>
/// feeds.buildinfo, what OpenWrt's <c>scripts/feeds list -fs</c> prints: a line per configured feed,
/// <c>src-METHOD NAME URI</c>, the URI pinned to the revision checked out under feeds/NAME
/// (<c>URI^REVISION</c>) when the feed is a git checkout there.
/// </summary>
public static class FeedsBuildInfo
{
    /// <summary>The text, or null when the tree has no feeds.conf (nor feeds.conf.default).</summary>
    public static string? Text(string topDirectory)
    {
        if (FeedList.Configured(topDirectory) is not { } feeds) return null;
        var text = new StringBuilder();
        foreach (var feed in feeds)
        {
            var uri = string.Join(", ", feed.Uris);
            if (FeedCheckout.Revision(topDirectory, feed) is not ("local" or "X") and var revision)
            {
                var cut = uri.IndexOfAny([';', '^']);
                uri = (cut < 0 ? uri : uri[..cut]) + "^" + revision;
            }
            text.Append("src-").Append(feed.Method).Append(' ').Append(feed.Name).Append(' ').Append(uri).Append('\n');
        }
        return text.ToString();
    }
}
