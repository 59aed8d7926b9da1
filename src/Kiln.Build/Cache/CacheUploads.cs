using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Kiln.Build.Cache;

/// <summary>
/// Uploads of finished steps' outputs, off the build's critical path: queued as steps finish and
/// sent by background workers (blobs the cache already has are not sent again, unless this run
/// found them corrupt; the record goes last, so that it never names a blob the cache lacks).
/// A failed upload is a warning: the build never waits on, or fails for, the cache.
/// </summary>
internal sealed class CacheUploads
{
    private const int Workers = 2;

    private readonly IBuildCache _cache;
    private readonly Func<string, bool> _knownCorrupt;
    private readonly Channel<(string Key, CapturedOutputs Outputs)> _queue = Channel.CreateUnbounded<(string, CapturedOutputs)>();
    private readonly Task[] _workers;
    private readonly ConcurrentQueue<string> _failures = new();
    private int _records;

    public CacheUploads(IBuildCache cache, Func<string, bool> knownCorrupt)
    {
        _cache = cache;
        _knownCorrupt = knownCorrupt;
        _workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(Work)).ToArray();
    }

    /// <summary>How many records were stored.</summary>
    public int Records => Volatile.Read(ref _records);

    public IReadOnlyCollection<string> Failures => _failures;

    public void Add(string key, CapturedOutputs outputs) => _queue.Writer.TryWrite((key, outputs));

    /// <summary>Lets the queued uploads finish, for at most <paramref name="limit"/>; false when some were still going.</summary>
    public bool Finish(TimeSpan limit)
    {
        _queue.Writer.TryComplete();
        return Task.WaitAll(_workers, limit);
    }

    private async Task Work()
    {
        await foreach (var (key, outputs) in _queue.Reader.ReadAllAsync())
        {
            string? failure;
            try
            {
                failure = Upload(key, outputs);
            }
            catch (Exception e)
            {
                // Whatever goes wrong with an upload is a warning in the summary, never the build's failure.
                failure = $"ac/{key[..12]}: {e.Message}";
            }
            if (failure is not null) _failures.Enqueue(failure);
            else Interlocked.Increment(ref _records);
        }
    }

    private string? Upload(string key, CapturedOutputs outputs)
    {
        foreach (var blob in outputs.Record.Blobs())
        {
            if (!_knownCorrupt(blob) && _cache.HasBlob(blob)) continue;
            if (!_cache.PutBlob(blob, outputs.BlobSources[blob], out var failure)) return failure;
        }
        return _cache.PutAction(key, outputs.Record, out var recordFailure) ? null : recordFailure;
    }
}
