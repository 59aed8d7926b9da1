using Kiln.Build.Cache;

namespace Kiln.Build.Tests.Cache;

/// <summary>A cache directory filled through its API, then damaged by writing its files directly, as a disk or a person would.</summary>
public sealed class CacheVerificationTests : IDisposable
{
    private readonly CacheTestFiles _files = new();
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private string CacheDirectory => _files.In("cache");

    private string Blob(string sha) => Path.Combine(CacheDirectory, "cas", sha);

    private string Record(string key) => Path.Combine(CacheDirectory, "ac", key);

    /// <summary>Stores a step (its record and its one blob) and returns its key and blob.</summary>
    private (string Key, string Sha256) Store(DirectoryBuildCache cache, string name)
    {
        var (record, path, sha) = _files.Step(name, $"the content of {name}");
        var key = CacheTestFiles.Key(name);
        Assert.True(cache.PutBlob(sha, path, out var failure), failure);
        Assert.True(cache.PutAction(key, record, out failure), failure);
        return (key, sha);
    }

    [Fact]
    public void AnIntactCacheHasNoProblems()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        Store(cache, "busybox");
        Store(cache, "libc.so");
        var verification = CacheVerification.Run(cache, repair: false);
        Assert.Equal((2, 2), (verification.ActionRecords, verification.Blobs));
        Assert.Empty(verification.Problems);
        Assert.False(verification.Failed);
    }

    [Fact]
    public void EachBadEntryIsOneProblemBlobsFirst()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        var rotten = Store(cache, "busybox");
        var orphan = Store(cache, "dropbear");
        var truncated = Store(cache, "uci");
        Store(cache, "intact");
        File.WriteAllText(Blob(rotten.Sha256), "a program, rotten");
        File.Delete(Blob(orphan.Sha256));
        var bytes = File.ReadAllBytes(Record(truncated.Key))[..20];
        File.WriteAllBytes(Record(truncated.Key), bytes);
        ActionRecord.TryParse(bytes, out var parseProblem);

        var verification = CacheVerification.Run(cache, repair: false);

        Assert.True(verification.Failed);
        Assert.Equal((4, 3), (verification.ActionRecords, verification.Blobs));
        string[] records =
        [
            $"ac/{rotten.Key}: names blob {rotten.Sha256}, which is corrupt",
            $"ac/{orphan.Key}: names blob {orphan.Sha256} which the cache does not have",
            $"ac/{truncated.Key}: {parseProblem}",
        ];
        Array.Sort(records, StringComparer.Ordinal);
        Assert.Equal([$"cas/{rotten.Sha256}: content hashes to {CacheTestFiles.Key("a program, rotten")}", .. records],
            verification.Problems.Select(p => p.ToString()));
        Assert.StartsWith("malformed action record: ", parseProblem);
        // Nothing is deleted without a repair.
        Assert.True(File.Exists(Blob(rotten.Sha256)));
        Assert.True(File.Exists(Record(truncated.Key)));
    }

    [Fact]
    public void ARepairDeletesTheBadEntriesAndKeepsTheGoodOnes()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        var rotten = Store(cache, "busybox");
        var orphan = Store(cache, "dropbear");
        var intact = Store(cache, "intact");
        File.WriteAllText(Blob(rotten.Sha256), "a program, rotten");
        File.Delete(Blob(orphan.Sha256));

        var repaired = CacheVerification.Run(cache, repair: true);

        Assert.Equal(3, repaired.Problems.Count);
        Assert.All(repaired.Problems, p => Assert.True(p.Removed, p.ToString()));
        Assert.All(repaired.Problems, p => Assert.EndsWith(" (removed)", p.ToString()));
        Assert.False(repaired.Failed);
        Assert.Equal(
            [$"ac/{intact.Key}", $"cas/{intact.Sha256}"],
            cache.Entries().Select(e => e.Resource).ToList());
        var again = CacheVerification.Run(cache, repair: false);
        Assert.Equal((1, 1, 0), (again.ActionRecords, again.Blobs, again.Problems.Count));
        Assert.NotNull(cache.TryGetAction(intact.Key, out _));
    }

    [Fact]
    public void AnEntryNameThatIsNotAHashIsNotAnEntry()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        Store(cache, "busybox");
        File.WriteAllText(Path.Combine(CacheDirectory, "cas", $".busybox.x{CacheTemporaryFile.Suffix}"), "half written");
        File.WriteAllText(Path.Combine(CacheDirectory, "ac", "README"), "not a record");
        var verification = CacheVerification.Run(cache, repair: true);
        Assert.Equal((1, 1, 0), (verification.ActionRecords, verification.Blobs, verification.Problems.Count));
        Assert.True(File.Exists(Path.Combine(CacheDirectory, "ac", "README")));
    }

    [Fact]
    public void VerifyingIsNotAUse()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        var (key, sha) = Store(cache, "busybox");
        // Stamped long before the files were written: a relatime mount would stamp a read.
        var stamped = _clock.Now.UtcDateTime;
        Assert.True(File.GetLastWriteTimeUtc(Blob(sha)) > stamped);
        CacheVerification.Run(cache, repair: false);
        Assert.Equal(stamped, File.GetLastAccessTimeUtc(Blob(sha)));
        Assert.Equal(stamped, File.GetLastAccessTimeUtc(Record(key)));
    }

    [Fact]
    public void ADirectoryThatIsNotThereHasNothingToVerify()
    {
        using var cache = new DirectoryBuildCache(CacheDirectory, clock: _clock);
        var verification = CacheVerification.Run(cache, repair: true);
        Assert.Equal((0, 0, 0), (verification.ActionRecords, verification.Blobs, verification.Problems.Count));
        Assert.False(Directory.Exists(CacheDirectory));
    }

    public void Dispose() => _files.Dispose();
}
