namespace Kiln.Build.Cache;

/// <summary>What a file of a cache directory holds: an action record (<c>ac/</c>) or a blob (<c>cas/</c>).</summary>
public enum CacheEntryKind
{
    ActionRecord,
    Blob,
}
