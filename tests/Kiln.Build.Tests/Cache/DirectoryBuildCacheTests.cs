using Kiln.Build.Cache;

namespace Kiln.Build.Tests.Cache;

public sealed class DirectoryBuildCacheTests : IDisposable
{
    private readonly CacheTestFiles _files = new();
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private string CacheDirectory => _files.In("cache");

    [Fact]
    public void RecordsAndBlobsRoundTripInTheRemoteLayout()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        var (record, path, sha) = _files.Step("libfoo.so", "the library");
        var key = CacheTestFiles.Key("libfoo");
        Assert.True(cache.PutBlob(sha, path, out var failure), failure);
        Assert.True(cache.PutAction(key, record, out failure), failure);
        Assert.Equal(record.Encode(), File.ReadAllBytes(Path.Combine(CacheDirectory, "ac", key)));
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(CacheDirectory, "cas", sha)));

        Assert.Equal(record.Encode(), cache.TryGetAction(key, out var miss)!.Encode());
        Assert.Null(miss);
        Assert.True(cache.HasBlob(sha));
        Assert.True(cache.TryGetBlob(sha, _files.In("out/libfoo.so"), out miss));
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(_files.In("out/libfoo.so")));

        Assert.Null(cache.TryGetAction(CacheTestFiles.Key("absent"), out miss));
        Assert.Equal(MissKind.NotFound, miss!.Kind);
        Assert.False(cache.TryGetBlob(CacheTestFiles.Key("absent"), _files.In("out/absent"), out miss));
        Assert.Equal(MissKind.NotFound, miss!.Kind);
        Assert.Equal((2, 2, 2), (cache.Statistics.Hits, cache.Statistics.TotalMisses, cache.Statistics.Uploads));
        Assert.Empty(Directory.GetFiles(CacheDirectory, "*.kiln-tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void ACorruptBlobIsAMissIsRemovedAndItsRecordIsNotTrustedAgain()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        var (record, path, sha) = _files.Step("busybox", "a program");
        var key = CacheTestFiles.Key("busybox");
        cache.PutBlob(sha, path, out _);
        cache.PutAction(key, record, out _);
        File.WriteAllText(Path.Combine(CacheDirectory, "cas", sha), "a program, rotten");

        Assert.NotNull(cache.TryGetAction(key, out _));
        Assert.False(cache.TryGetBlob(sha, _files.In("out/busybox"), out var miss));
        Assert.Equal(MissKind.Corrupt, miss!.Kind);
        Assert.Empty(Directory.GetFileSystemEntries(_files.In("out")));
        Assert.False(cache.HasBlob(sha));
        Assert.Null(cache.TryGetAction(key, out miss));
        Assert.Equal(MissKind.Untrusted, miss!.Kind);
    }

    [Fact]
    public void AMalformedRecordIsAMissAndIsRemoved()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        var key = CacheTestFiles.Key("truncated");
        Directory.CreateDirectory(Path.Combine(CacheDirectory, "ac"));
        File.WriteAllText(Path.Combine(CacheDirectory, "ac", key), """{"version":1,"outputs":[""");
        Assert.Null(cache.TryGetAction(key, out var miss));
        Assert.Equal(MissKind.Corrupt, miss!.Kind);
        Assert.False(File.Exists(Path.Combine(CacheDirectory, "ac", key)));
    }

    [Fact]
    public void ABlobIsNotStoredUnderANameThatIsNotItsHash()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        var (path, _) = _files.File("liar", "some bytes");
        var wrong = CacheTestFiles.Key("other bytes");
        Assert.False(cache.PutBlob(wrong, path, out var failure));
        Assert.Contains("is not blob", failure);
        Assert.False(cache.HasBlob(wrong));
        Assert.Equal(1, cache.Statistics.UploadFailures);
    }

    [Fact]
    public void CollectionEvictsTheLeastRecentlyUsedFirstAndTiesByName()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, sizeLimit: 25, clock: _clock);
        var blobs = new List<string>();
        foreach (var name in new[] { "one", "two", "three", "four" })
        {
            var (path, sha) = _files.File(name, $"ten bytes{blobs.Count}");
            cache.PutBlob(sha, path, out _);
            blobs.Add(sha);
        }
        // All four stored at the same moment; then the first is used an hour later.
        _clock.Now += TimeSpan.FromHours(1);
        Assert.True(cache.TryGetBlob(blobs[0], _files.In("used"), out _));

        var collected = cache.Collect();
        Assert.Equal(new CacheCollection(2, 20, 2, 20), collected);
        var tied = blobs.Skip(1).Order(StringComparer.Ordinal).ToList();
        // The two least recently used go; of the three stored together, in name order.
        Assert.Equal(new[] { blobs[0], tied[2] }.Order(StringComparer.Ordinal),
            Directory.GetFiles(Path.Combine(CacheDirectory, "cas")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        Assert.Equal(new CacheCollection(1, 10, 1, 10), cache.Collect(10));
        Assert.True(cache.HasBlob(blobs[0]));
    }

    [Fact]
    public void CollectionRemovesTemporaryFilesOnlyOnceTheyAreAbandoned()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        var blobs = Path.Combine(CacheDirectory, "cas");
        Directory.CreateDirectory(blobs);
        var old = Path.Combine(blobs, ".x.old.kiln-tmp");
        var recent = Path.Combine(blobs, ".x.new.kiln-tmp");
        File.WriteAllText(old, "half");
        File.WriteAllText(recent, "half");
        File.SetLastWriteTimeUtc(old, _clock.Now.UtcDateTime - TimeSpan.FromHours(2));
        File.SetLastWriteTimeUtc(recent, _clock.Now.UtcDateTime - TimeSpan.FromMinutes(5));
        cache.Collect();
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
    }

    [Fact]
    public void ConcurrentWritersOfTheSameEntriesLeaveOneWholeEntry()
    {
        var (record, path, sha) = _files.Step("shared", new string('x', 1 << 20));
        var key = CacheTestFiles.Key("shared");
        var results = new bool[16];
        // Separate cache objects, as separate builds sharing the directory have.
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            using var cache = new DirectoryBuildCache(CacheDirectory);
            results[i] = cache.PutBlob(sha, path, out _) && cache.PutAction(key, record, out _)
                && cache.TryGetBlob(sha, _files.In($"out/{i}"), out _) && cache.TryGetAction(key, out _) is not null;
        });
        Assert.All(results, Assert.True);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(CacheDirectory, "cas", sha)));
        Assert.Equal(record.Encode(), File.ReadAllBytes(Path.Combine(CacheDirectory, "ac", key)));
        Assert.Equal(2, Directory.GetFiles(CacheDirectory, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void StatisticsCountEveryThreadsLookups()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        var (record, _, _) = _files.Step("counted", "c");
        var key = CacheTestFiles.Key("counted");
        cache.PutAction(key, record, out _);
        Parallel.For(0, 1000, i => cache.TryGetAction(i % 2 == 0 ? key : CacheTestFiles.Key($"absent {i}"), out _));
        Assert.Equal(500, cache.Statistics.Hits);
        Assert.Equal(500, cache.Statistics.Misses(MissKind.NotFound));
        Assert.Equal(500L * record.Encode().Length, cache.Statistics.BytesDownloaded);
    }

    public void Dispose() => _files.Dispose();
}
