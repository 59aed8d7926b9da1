namespace Kiln.Build.Cache;

/// <summary>
/// One entry of a cache directory that a build must not use, with why; when a repair was asked
/// for, whether it was deleted (and if not, why not).
/// </summary>
public sealed record CacheProblem(CacheEntry Entry, string Reason, bool Removed = false, string? RemovalFailure = null)
{
    public override string ToString() =>
        $"{Entry}: {Reason}{(Removed ? " (removed)" : RemovalFailure is null ? "" : $" (not removed: {RemovalFailure})")}";
}
