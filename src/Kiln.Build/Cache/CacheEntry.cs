namespace Kiln.Build.Cache;

/// <summary>One entry of a cache directory as it lies on disk: its name (a key or a SHA-256), file, size and last use.</summary>
public sealed record CacheEntry(CacheEntryKind Kind, string Name, string Path, long Size, DateTime LastAccessUtc)
{
    /// <summary>The entry as the remote-cache protocol names it, <c>ac/KEY</c> or <c>cas/SHA256</c>.</summary>
    public string Resource => $"{(Kind == CacheEntryKind.ActionRecord ? "ac" : "cas")}/{Name}";

    public override string ToString() => Resource;
}
