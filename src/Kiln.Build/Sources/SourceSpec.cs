namespace Kiln.Build.Sources;

/// <summary>
/// One download a package declares (Download/default from PKG_SOURCE*, or Download/NAME), as the
/// API records it in KILN_DOWNLOAD/NAME: <c>FILE|URL|HASH|MIRROR_HASH|PROTO|VERSION|SUBDIR|URL_FILE|SUBMODULES</c>
/// (SUBMODULES: the git submodules to check out, all when empty, none when <c>skip</c>).
/// </summary>
public sealed record SourceSpec(
    string Name,
    string File,
    IReadOnlyList<string> Urls,
    string Hash,
    string MirrorHash,
    string Protocol,
    string SourceVersion,
    string Subdirectory,
    string UrlFile,
    string Submodules = "")
{
    public bool IsGit => Protocol == "git" || (Protocol.Length == 0 && Urls.Any(u => u.StartsWith("git://", StringComparison.Ordinal)));

    /// <summary>The hash the finished file must have: a git source's tarball is checked against its mirror hash.</summary>
    public string ExpectedHash => IsGit ? MirrorHash : Hash;

    public static SourceSpec Parse(string name, string recorded)
    {
        var f = recorded.Split('|');
        string Field(int i) => i < f.Length ? f[i].Trim() : "";
        return new SourceSpec(name, Field(0), Field(1).Split(' ', StringSplitOptions.RemoveEmptyEntries), Field(2), Field(3),
            Field(4), Field(5), Field(6), Field(7), Field(8));
    }
}
