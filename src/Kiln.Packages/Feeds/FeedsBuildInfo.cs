using System.Text;
using Kiln.Core.Processes;

namespace Kiln.Packages.Feeds;

/// <summary>
/// feeds.buildinfo, what OpenWrt's <c>scripts/feeds list -fs</c> prints: a line per configured feed,
/// <c>src-METHOD NAME URI</c>, the URI pinned to the revision checked out under feeds/NAME
/// (<c>URI^REVISION</c>) when the feed is a git checkout there.
/// </summary>
public static class FeedsBuildInfo
{
    /// <summary>Methods whose checkouts have a revision (their control directory); the others are "local" when present.</summary>
    private static readonly Dictionary<string, string> ControlDirectories = new(StringComparer.Ordinal)
    {
        ["git"] = ".git",
        ["git-full"] = ".git",
        ["gitsvn"] = ".git",
    };

    /// <summary>Methods that have no revision at all ("X").</summary>
    private static readonly HashSet<string> WithoutRevision = new(StringComparer.Ordinal) { "bzr", "hg", "darcs" };

    /// <summary>The text, or null when the tree has no feeds.conf (nor feeds.conf.default).</summary>
    public static string? Text(string topDirectory)
    {
        if (FeedList.Configured(topDirectory) is not { } feeds) return null;
        var text = new StringBuilder();
        foreach (var feed in feeds)
        {
            var uri = string.Join(", ", feed.Uris);
            if (Revision(topDirectory, feed) is { } revision)
            {
                var cut = uri.IndexOfAny([';', '^']);
                uri = (cut < 0 ? uri : uri[..cut]) + "^" + revision;
            }
            text.Append("src-").Append(feed.Method).Append(' ').Append(feed.Name).Append(' ').Append(uri).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The checked-out revision, or null for a feed that is missing, local (a link, a copy) or has none.</summary>
    private static string? Revision(string topDirectory, ConfiguredFeed feed)
    {
        var checkout = Path.Combine(topDirectory, "feeds", feed.Name);
        if (!Directory.Exists(checkout) || WithoutRevision.Contains(feed.Method)) return null;
        if (!ControlDirectories.TryGetValue(feed.Method, out var control) || !Directory.Exists(Path.Combine(checkout, control))) return null;
        return new HostProgram("git", "git").Run(["rev-parse", "HEAD"], workingDirectory: checkout).EnsureSucceeded().Output.Trim();
    }
}
