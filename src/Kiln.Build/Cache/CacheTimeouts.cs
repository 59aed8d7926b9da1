namespace Kiln.Build.Cache;

/// <summary>
/// How long a remote cache may take: to connect, and for a whole request (a blob's body
/// included). Short by default, because a slow cache must not be slower than building.
/// </summary>
public sealed record CacheTimeouts(TimeSpan Connect, TimeSpan Request)
{
    public static CacheTimeouts Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));
}
