namespace Kiln.Build.Cache;

/// <summary>What a build does with its cache (<c>cache-mode</c> in kiln.conf).</summary>
public enum CacheMode
{
    /// <summary>Takes from the cache and stores what it builds (the default).</summary>
    ReadWrite,
    /// <summary>Takes from the cache, never stores: a developer's machine on a CI-filled cache.</summary>
    Read,
    /// <summary>Does not use the cache.</summary>
    Off,
}
