namespace Kiln.Build.Cache;

/// <summary>A cache used with <c>cache-mode = read</c>: lookups go to the cache, nothing is ever stored in it.</summary>
public sealed class ReadOnlyBuildCache(IBuildCache inner) : IBuildCache
{
    public CacheStatistics Statistics => inner.Statistics;

    public ActionRecord? TryGetAction(string key, out CacheMiss? miss) => inner.TryGetAction(key, out miss);

    public bool TryGetBlob(string sha256, string destinationPath, out CacheMiss? miss) => inner.TryGetBlob(sha256, destinationPath, out miss);

    public bool HasBlob(string sha256) => inner.HasBlob(sha256);

    public bool PutAction(string key, ActionRecord record, out string? failure) => ReadOnly(out failure);

    public bool PutBlob(string sha256, string sourcePath, out string? failure) => ReadOnly(out failure);

    private static bool ReadOnly(out string? failure)
    {
        failure = "the cache is read-only (cache-mode = read)";
        return false;
    }

    public void Dispose() => inner.Dispose();
}
