using Kiln.Build.Cache;

namespace Kiln.Build.Tests.Cache;

public sealed class CacheOccupancyTests : IDisposable
{
    private readonly CacheTestFiles _files = new();
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private string CacheDirectory => _files.In("cache");

    [Fact]
    public void CountsRecordsAndBlobsWithTheirBytesAndTheSpanOfTheirUses()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        var (record, path, sha) = _files.Step("libfoo.so", "the library");
        var (otherPath, otherSha) = _files.File("readme", "a longer file, stored alone");
        cache.PutBlob(sha, path, out _);
        cache.PutBlob(otherSha, otherPath, out _);
        cache.PutAction(CacheTestFiles.Key("libfoo"), record, out _);
        var stored = _clock.Now.UtcDateTime;
        _clock.Now += TimeSpan.FromDays(3);
        Assert.True(cache.TryGetBlob(sha, _files.In("out/libfoo.so"), out _));
        // A writer's temporary file is not an entry.
        File.WriteAllText(Path.Combine(CacheDirectory, "cas", $".{sha}.x{CacheTemporaryFile.Suffix}"), "half a blob");

        var occupancy = CacheOccupancy.Of(cache);

        Assert.Equal(new CacheOccupancy(1, record.Encode().Length, 2, new FileInfo(path).Length + new FileInfo(otherPath).Length,
            stored, _clock.Now.UtcDateTime), occupancy);
        Assert.Equal((3, occupancy.ActionRecordBytes + occupancy.BlobBytes), (occupancy.Entries, occupancy.Bytes));
    }

    [Fact]
    public void ADirectoryThatIsNotThereIsEmptyAndStaysAbsent()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        Assert.False(cache.Exists);
        Assert.Equal(new CacheOccupancy(0, 0, 0, 0, null, null), CacheOccupancy.Of(cache));
        Assert.Empty(cache.Entries());
        Assert.False(Directory.Exists(CacheDirectory));
    }

    public void Dispose() => _files.Dispose();
}
