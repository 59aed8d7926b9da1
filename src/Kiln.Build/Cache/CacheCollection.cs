namespace Kiln.Build.Cache;

/// <summary>What a collection of a cache directory left and removed.</summary>
public sealed record CacheCollection(int EntriesKept, long BytesKept, int EntriesRemoved, long BytesFreed);
