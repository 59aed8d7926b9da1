using Kiln.Core.Files;

namespace Kiln.Build.Cache;

/// <summary>
/// A check of a whole cache directory: every blob re-hashed against its name, every action record
/// parsed and the blobs it names looked for. Builds already verify what they read; this finds rot
/// before a build trips on it, and with a repair deletes the entries a build could not use.
/// </summary>
public sealed record CacheVerification(int ActionRecords, int Blobs, IReadOnlyList<CacheProblem> Problems)
{
    /// <summary>Whether a problem is left in the cache: any, unless it was repaired.</summary>
    public bool Failed
    {
        get
        {
            foreach (var problem in Problems)
                if (!problem.Removed) return true;
            return false;
        }
    }

    /// <summary>Checks the blobs, then the records (which need to know the blobs); problems in that order.</summary>
    public static CacheVerification Run(DirectoryBuildCache cache, bool repair)
    {
        var problems = new List<CacheProblem>();
        var intact = new HashSet<string>(StringComparer.Ordinal);
        var corrupt = new HashSet<string>(StringComparer.Ordinal);
        var (records, blobs) = (0, 0);
        var entries = cache.Entries();
        foreach (var entry in entries)
        {
            if (entry.Kind != CacheEntryKind.Blob) continue;
            blobs++;
            if (CheckBlob(entry) is { } reason)
            {
                corrupt.Add(entry.Name);
                problems.Add(new CacheProblem(entry, reason));
            }
            else intact.Add(entry.Name);
        }
        foreach (var entry in entries)
        {
            if (entry.Kind != CacheEntryKind.ActionRecord) continue;
            records++;
            if (CheckRecord(entry, intact, corrupt) is { } reason) problems.Add(new CacheProblem(entry, reason));
        }
        if (repair)
            for (var i = 0; i < problems.Count; i++)
                problems[i] = cache.Remove(problems[i].Entry, out var failure) ? problems[i] with { Removed = true } : problems[i] with { RemovalFailure = failure };
        return new CacheVerification(records, blobs, problems);
    }

    private static string? CheckBlob(CacheEntry entry)
    {
        string actual;
        try
        {
            actual = FileHash.Sha256(entry.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
        finally
        {
            KeepAccessTime(entry);
        }
        return actual == entry.Name ? null : $"content hashes to {actual}";
    }

    private static string? CheckRecord(CacheEntry entry, HashSet<string> intact, HashSet<string> corrupt)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(entry.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
        finally
        {
            KeepAccessTime(entry);
        }
        if (ActionRecord.TryParse(bytes, out var problem) is not { } record) return problem;
        string? first = null;
        var missing = 0;
        foreach (var blob in record.Blobs())
        {
            if (intact.Contains(blob)) continue;
            first ??= corrupt.Contains(blob) ? $"names blob {blob}, which is corrupt" : $"names blob {blob} which the cache does not have";
            missing++;
        }
        return first is null ? null : missing == 1 ? first : $"{first} (and {missing - 1} more missing or corrupt)";
    }

    /// <summary>
    /// Puts back the access time reading may have stamped (on a mount with atime or relatime): a
    /// check is not a use, and collection evicts by last use.
    /// </summary>
    private static void KeepAccessTime(CacheEntry entry)
    {
        try
        {
            File.SetLastAccessTimeUtc(entry.Path, entry.LastAccessUtc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone or not ours to stamp: its age only orders eviction.
        }
    }
}
