namespace Kiln.Build.Cache;

/// <summary>
/// A build cache: action records by action key (<c>ac/</c>) and content-addressed blobs by their
/// SHA-256 (<c>cas/</c>), both named in lower-case hex. No method throws for anything the cache
/// or its server does wrong: a lookup misses with a reason, an upload fails with one, and the
/// build goes on with local work.
/// </summary>
public interface IBuildCache : IDisposable
{
    CacheStatistics Statistics { get; }

    /// <summary>The record stored under this key, or null with why there is none to use.</summary>
    ActionRecord? TryGetAction(string key, out CacheMiss? miss);

    /// <summary>Stores a record; false with the reason when it could not be stored.</summary>
    bool PutAction(string key, ActionRecord record, out string? failure);

    /// <summary>Writes the blob to the destination, verified; false (destination untouched) with why not.</summary>
    bool TryGetBlob(string sha256, string destinationPath, out CacheMiss? miss);

    bool HasBlob(string sha256);

    /// <summary>Stores the file as a blob, once its content is checked to hash to the name; false with the reason when not stored.</summary>
    bool PutBlob(string sha256, string sourcePath, out string? failure);
}
