namespace Kiln.Build.Sources;

/// <summary>
/// OpenWrt's URL shortcuts: <c>@GNU/path</c> and the like stand for a list of mirrors of a
/// project's download area, tried in order.
/// </summary>
public static class UrlShortcuts
{
    private static readonly Dictionary<string, string[]> Mirrors = new(StringComparer.Ordinal)
    {
        ["@GNU"] = ["https://ftpmirror.gnu.org", "https://ftp.gnu.org/gnu", "https://mirrors.kernel.org/gnu"],
        ["@SAVANNAH"] = ["https://download.savannah.nongnu.org/releases", "https://mirror.netcologne.de/savannah"],
        ["@SF"] = ["https://downloads.sourceforge.net"],
        ["@GITHUB"] = ["https://raw.githubusercontent.com"],
        ["@KERNEL"] = ["https://cdn.kernel.org/pub", "https://mirrors.kernel.org/pub", "https://www.kernel.org/pub"],
        ["@APACHE"] = ["https://dlcdn.apache.org", "https://archive.apache.org/dist"],
        ["@GNOME"] = ["https://download.gnome.org/sources", "https://mirror.umd.edu/gnome/sources"],
        ["@DEBIAN"] = ["https://deb.debian.org/debian", "https://ftp.debian.org/debian"],
        ["@OPENWRT"] = ["https://sources.openwrt.org", "https://mirror2.openwrt.org/sources"],
    };

    /// <summary>The URLs a declared URL stands for (itself when it is not a shortcut).</summary>
    public static IEnumerable<string> Expand(string url)
    {
        var slash = url.IndexOf('/');
        var key = slash < 0 ? url : url[..slash];
        if (!key.StartsWith('@') || !Mirrors.TryGetValue(key, out var bases)) return [url];
        var rest = slash < 0 ? "" : url[slash..];
        return bases.Select(b => b + rest);
    }
}
