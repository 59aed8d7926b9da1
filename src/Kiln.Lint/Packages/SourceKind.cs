namespace Kiln.Lint.Packages;

/// <summary>How a package gets its source, as download.mk decides from PKG_SOURCE and PKG_SOURCE_PROTO.</summary>
public enum SourceKind
{
    /// <summary>No PKG_SOURCE: the source is in src/ or made by the recipes.</summary>
    None,
    /// <summary>A file downloaded from PKG_SOURCE_URL.</summary>
    Download,
    /// <summary>A version control checkout (PKG_SOURCE_PROTO git, svn, hg, ...), packed into PKG_SOURCE.</summary>
    Checkout,
}

public static class SourceKinds
{
    private static readonly HashSet<string> Protocols = new(["git", "svn", "hg", "bzr", "cvs", "darcs"], StringComparer.Ordinal);

    public static SourceKind SourceKind(this LintedPackage package) =>
        Protocols.Contains(package.Variable("PKG_SOURCE_PROTO")?.Trim() ?? "") ? Packages.SourceKind.Checkout
        : string.IsNullOrWhiteSpace(package.Variable("PKG_SOURCE")) ? Packages.SourceKind.None
        : Packages.SourceKind.Download;

    /// <summary>
    /// The host that serves, as a tarball, the release tag a git checkout names (PKG_VERSION set,
    /// PKG_SOURCE_VERSION a tag, the first URL on a forge that makes tag archives), or null.
    /// </summary>
    public static string? ReleaseTarballHost(this LintedPackage package)
    {
        var version = package.Variable("PKG_VERSION")?.Trim() ?? "";
        var revision = package.Variable("PKG_SOURCE_VERSION")?.Trim() ?? "";
        if (package.Variable("PKG_SOURCE_PROTO")?.Trim() != "git" || version.Length == 0 || revision.Length == 0 || IsCommitId(revision)) return null;
        var first = (package.Variable("PKG_SOURCE_URL") ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is not null && HostOf(first) is "github.com" or "gitlab.com" or "codeberg.org" ? HostOf(first) : null;
    }

    /// <summary>The host of a URL, lower-case, without user or port ("" for what is not an absolute URL, as an @GITHUB shortcut).</summary>
    public static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.ToLowerInvariant() : "";

    /// <summary>A full commit id: 40 (SHA-1) or 64 (SHA-256) lower-case hex digits.</summary>
    public static bool IsCommitId(string value) => value.Length is 40 or 64 && value.All(char.IsAsciiHexDigitLower);

    /// <summary>A SHA-256 as PKG_HASH and PKG_MIRROR_HASH hold it.</summary>
    public static bool IsSha256(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);
}
