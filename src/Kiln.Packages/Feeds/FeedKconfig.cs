using System.Text;

namespace Kiln.Packages.Feeds;

/// <summary>
/// The Kconfig text OpenWrt writes to tmp/.config-feeds.in (<c>scripts/feeds feed_config</c>): a
/// FEED_NAME symbol per configured feed, whether its repository goes into the image's opkg and apk
/// feed lists, on by default when the feed has an index (was updated).
/// </summary>
public static class FeedKconfig
{
    /// <summary>The text; empty for a tree without feeds.conf (nor feeds.conf.default), which has no feeds.</summary>
    public static string Text(string topDirectory)
    {
        var text = new StringBuilder();
        foreach (var feed in FeedList.Configured(topDirectory) ?? [])
        {
            text.Append($"\tconfig FEED_{feed.Name}\n");
            text.Append($"\t\ttristate \"Enable feed {feed.Name}\"\n");
            text.Append("\t\tdepends on PER_FEED_REPO\n");
            if (File.Exists(FeedMetadata.IndexPath(topDirectory, feed.Name))) text.Append("\t\tdefault y\n");
            text.Append("\t\thelp\n");
            text.Append($"\t\t Enable the \\\"{feed.Name}\\\" feed in opkg distfeeds.conf and apk repositories.\n");
            text.Append("\t\t Say M to add the feed commented out.\n");
            text.Append('\n');
        }
        return text.ToString();
    }
}
