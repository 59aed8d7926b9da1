namespace Kiln.Build.Cache;

/// <summary>
/// What a cache directory holds: records and blobs with their bytes, and the span of their last
/// uses (the least recently used entry is the next a collection evicts). Null times: no entries.
/// </summary>
public sealed record CacheOccupancy(int ActionRecords, long ActionRecordBytes, int Blobs, long BlobBytes, DateTime? OldestAccessUtc, DateTime? NewestAccessUtc)
{
    public int Entries => ActionRecords + Blobs;

    public long Bytes => ActionRecordBytes + BlobBytes;

    public static CacheOccupancy Of(DirectoryBuildCache cache)
    {
        var (records, recordBytes, blobs, blobBytes) = (0, 0L, 0, 0L);
        DateTime? oldest = null, newest = null;
        foreach (var entry in cache.Entries())
        {
            if (entry.Kind == CacheEntryKind.ActionRecord)
            {
                records++;
                recordBytes += entry.Size;
            }
            else
            {
                blobs++;
                blobBytes += entry.Size;
            }
            if (oldest is null || entry.LastAccessUtc < oldest) oldest = entry.LastAccessUtc;
            if (newest is null || entry.LastAccessUtc > newest) newest = entry.LastAccessUtc;
        }
        return new CacheOccupancy(records, recordBytes, blobs, blobBytes, oldest, newest);
    }
}
