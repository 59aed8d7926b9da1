namespace Kiln.Configuration.Kconfig;

/// <summary>
/// Kconfig text Kiln generates for files OpenWrt would generate (tmp/.config-package.in,
/// tmp/.config-target.in, ...): a "source" of one of these paths reads the text instead of the disk.
/// </summary>
public sealed class KconfigSourceOverrides
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    public void Add(string relativePath, string text) => _texts[relativePath] = text;

    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public bool TryGet(string relativePath, out string text)
    {
        if (!_texts.TryGetValue(relativePath, out text!)) return false;
        _read.Add(relativePath);
        return true;
    }

    /// <summary>Whether a parse sourced this generated file.</summary>
    public bool WasRead(string relativePath) => _read.Contains(relativePath);

    /// <summary>A directory whose files OpenWrt generates (tmp/): a source of a missing file there reads nothing.</summary>
    public string? GeneratedDirectory { get; init; }

    public bool IsGenerated(string relativePath) =>
        GeneratedDirectory is { } directory && relativePath.StartsWith(directory, StringComparison.Ordinal);

    private readonly List<(string Link, string Target)> _links = [];

    /// <summary>
    /// A directory link the tree would have when OpenWrt reads it (feeds/base to package/, made by
    /// toplevel.mk): paths under the link are read under its target when the link is missing.
    /// </summary>
    public void AddLink(string link, string target) => _links.Add((link, target));

    /// <summary>The path to read for a sourced path: through a missing link's target, else itself.</summary>
    public string Resolve(string relativePath, Func<string, bool> exists)
    {
        foreach (var (link, target) in _links)
            if (relativePath.StartsWith(link, StringComparison.Ordinal) && !exists(link.TrimEnd('/')))
                return target + relativePath[link.Length..];
        return relativePath;
    }

    /// <summary>What OpenWrt's tree has when it reads Kconfig: generated files under tmp/, feeds/base linked to package/.</summary>
    public static KconfigSourceOverrides ForOpenWrtTree()
    {
        var overrides = new KconfigSourceOverrides { GeneratedDirectory = "tmp/" };
        overrides.AddLink("feeds/base/", "package/");
        return overrides;
    }
}
