namespace Kiln.Build.Cache;

/// <summary>
/// What one run's cache did: hits, misses by kind, uploads and failed uploads, bytes moved.
/// Updated by every build thread at once, hence the interlocked counters.
/// </summary>
public sealed class CacheStatistics
{
    private long _hits, _uploads, _uploadFailures, _bytesDownloaded, _bytesUploaded;
    private readonly long[] _misses = new long[Enum.GetValues<MissKind>().Length];

    public long Hits => Interlocked.Read(ref _hits);
    public long Uploads => Interlocked.Read(ref _uploads);
    public long UploadFailures => Interlocked.Read(ref _uploadFailures);
    public long BytesDownloaded => Interlocked.Read(ref _bytesDownloaded);
    public long BytesUploaded => Interlocked.Read(ref _bytesUploaded);
    public long Misses(MissKind kind) => Interlocked.Read(ref _misses[(int)kind]);
    public long TotalMisses
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _misses.Length; i++) total += Interlocked.Read(ref _misses[i]);
            return total;
        }
    }

    internal void Hit(long bytes)
    {
        Interlocked.Increment(ref _hits);
        Interlocked.Add(ref _bytesDownloaded, bytes);
    }

    internal CacheMiss Miss(CacheMiss miss)
    {
        Interlocked.Increment(ref _misses[(int)miss.Kind]);
        return miss;
    }

    internal void Uploaded(long bytes)
    {
        Interlocked.Increment(ref _uploads);
        Interlocked.Add(ref _bytesUploaded, bytes);
    }

    internal void UploadFailed() => Interlocked.Increment(ref _uploadFailures);
}
