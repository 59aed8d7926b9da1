using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kiln.Build.Cache;

namespace Kiln.Build.Tests.Cache;

/// <summary>The Bazel HTTP remote-cache client against a real server: nginx with WebDAV PUT.</summary>
public sealed class HttpBuildCacheTests : IDisposable
{
    private static readonly CacheTimeouts Short = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));

    private readonly CacheTestFiles _files = new();

    [Fact]
    public void RecordsAndBlobsRoundTripThroughTheServer()
    {
        using var server = new NginxCacheServer();
        using var cache = new HttpBuildCache(server.Url(), timeouts: Short);
        var (record, path, sha) = _files.Step("libfoo.so", "the library's bytes");
        var key = CacheTestFiles.Key("libfoo install");

        Assert.True(cache.PutBlob(sha, path, out var blobFailure), blobFailure);
        Assert.True(cache.PutAction(key, record, out var recordFailure), recordFailure);
        // The server holds exactly the protocol's layout.
        Assert.Equal(record.Encode(), File.ReadAllBytes(Path.Combine(server.Root, "ac", key)));
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(server.Root, "cas", sha)));

        var fetched = cache.TryGetAction(key, out var miss);
        Assert.Null(miss);
        Assert.Equal(record.Encode(), fetched!.Encode());
        Assert.True(cache.HasBlob(sha));
        var destination = _files.In("out/libfoo.so");
        Assert.True(cache.TryGetBlob(sha, destination, out miss), miss?.Reason);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(destination));
        Assert.Equal(["libfoo.so"], Directory.GetFiles(_files.In("out")).Select(Path.GetFileName));

        var absent = CacheTestFiles.Key("never stored");
        Assert.Null(cache.TryGetAction(absent, out miss));
        Assert.Equal(MissKind.NotFound, miss!.Kind);
        Assert.False(cache.HasBlob(absent));
        Assert.False(cache.TryGetBlob(absent, _files.In("out/absent"), out miss));
        Assert.Equal(MissKind.NotFound, miss!.Kind);
        Assert.False(File.Exists(_files.In("out/absent")));

        Assert.Equal(2, cache.Statistics.Hits);
        Assert.Equal(2, cache.Statistics.Misses(MissKind.NotFound));
        Assert.Equal(2, cache.Statistics.Uploads);
        Assert.Equal(new FileInfo(path).Length + record.Encode().Length, cache.Statistics.BytesUploaded);
        Assert.Equal(cache.Statistics.BytesUploaded, cache.Statistics.BytesDownloaded);
    }

    [Fact]
    public void ABlobCorruptedOnTheServerIsAMissAndItsRecordIsNotTrustedAgain()
    {
        using var server = new NginxCacheServer();
        using var cache = new HttpBuildCache(server.Url(), timeouts: Short);
        var (record, path, sha) = _files.Step("busybox", "a program");
        var key = CacheTestFiles.Key("busybox install");
        Assert.True(cache.PutBlob(sha, path, out _));
        Assert.True(cache.PutAction(key, record, out _));
        // Another step whose output is the same file: its record names the same blob.
        var sibling = CacheTestFiles.Key("busybox-static install");
        Assert.True(cache.PutAction(sibling, record, out _));
        File.WriteAllText(Path.Combine(server.Root, "cas", sha), "a program, rotten");

        Assert.NotNull(cache.TryGetAction(key, out _));
        var destination = _files.In("out/busybox");
        Assert.False(cache.TryGetBlob(sha, destination, out var miss));
        Assert.Equal(MissKind.Corrupt, miss!.Kind);
        Assert.Contains(sha[..12], miss.Reason);
        // Neither the file nor a temporary one is left where the build wanted it.
        Assert.Empty(Directory.GetFileSystemEntries(_files.In("out")));

        Assert.Null(cache.TryGetAction(key, out miss));
        Assert.Equal(MissKind.Untrusted, miss!.Kind);
        // A record fetched after the blob was found corrupt is not followed either.
        Assert.Null(cache.TryGetAction(sibling, out miss));
        Assert.Equal(MissKind.Untrusted, miss!.Kind);
        Assert.Equal(1, cache.Statistics.Misses(MissKind.Corrupt));
        Assert.Equal(2, cache.Statistics.Misses(MissKind.Untrusted));
    }

    [Fact]
    public void AMalformedRecordOnTheServerIsAMiss()
    {
        using var server = new NginxCacheServer();
        using var cache = new HttpBuildCache(server.Url(), timeouts: Short);
        var key = CacheTestFiles.Key("bad record");
        Directory.CreateDirectory(Path.Combine(server.Root, "ac"));
        File.WriteAllText(Path.Combine(server.Root, "ac", key), """{"version":1,"outputs":[{"path":"/etc/passwd","kind":"file"}],"metadata":{}}""");

        Assert.Null(cache.TryGetAction(key, out var miss));
        Assert.Equal(MissKind.Corrupt, miss!.Kind);
        Assert.Contains("malformed action record", miss.Reason);
    }

    [Fact]
    public void AStoppedServerMeansMissesWithReasonsWithinTheTimeout()
    {
        var server = new NginxCacheServer();
        using var cache = new HttpBuildCache(server.Url(), timeouts: Short);
        var (record, path, sha) = _files.Step("dropbear", "an ssh server");
        var key = CacheTestFiles.Key("dropbear install");
        Assert.True(cache.PutAction(key, record, out _));
        server.Dispose();

        var clock = Stopwatch.StartNew();
        Assert.Null(cache.TryGetAction(key, out var miss));
        Assert.Equal(MissKind.Unreachable, miss!.Kind);
        Assert.Contains($"ac/{key}", miss.Reason);
        Assert.False(cache.TryGetBlob(sha, _files.In("dropbear.out"), out miss));
        Assert.Equal(MissKind.Unreachable, miss!.Kind);
        Assert.Contains("failed earlier", miss.Reason);
        Assert.False(cache.HasBlob(sha));
        Assert.False(cache.PutBlob(sha, path, out var failure));
        Assert.NotNull(failure);
        Assert.True(clock.Elapsed < Short.Request, $"took {clock.Elapsed}");
        Assert.Equal(2, cache.Statistics.Misses(MissKind.Unreachable));
        Assert.Equal(1, cache.Statistics.UploadFailures);
        Assert.False(File.Exists(_files.In("dropbear.out")));
    }

    [Fact]
    public void AServerThatNeverAnswersTimesOut()
    {
        // Accepts connections and then says nothing, as a hung server does.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var cache = new HttpBuildCache(new Uri($"http://127.0.0.1:{port}/"), timeouts: new CacheTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

        var clock = Stopwatch.StartNew();
        Assert.Null(cache.TryGetAction(CacheTestFiles.Key("hung"), out var miss));
        Assert.Equal(MissKind.Timeout, miss!.Kind);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void AFailingServerIsAMissWithItsStatus()
    {
        using var server = new NginxCacheServer();
        using var cache = new HttpBuildCache(server.Url("broken/"), timeouts: Short);
        Assert.Null(cache.TryGetAction(CacheTestFiles.Key("x"), out var miss));
        Assert.Equal(MissKind.ServerError, miss!.Kind);
        Assert.Contains("503", miss.Reason);
        var (_, path, sha) = _files.Step("x", "x");
        Assert.False(cache.PutBlob(sha, path, out var failure));
        Assert.Contains("503", failure);
    }

    [Fact]
    public void BasicAuthWithTheRightCredentialsWorksAndWithWrongOnesMisses()
    {
        using var server = new NginxCacheServer(("builder", "s3cret-pass"));
        var (record, path, sha) = _files.Step("zlib", "compression");
        var key = CacheTestFiles.Key("zlib install");
        using (var right = new HttpBuildCache(server.Url(), CacheCredentials.Basic("builder", "s3cret-pass"), Short))
        {
            Assert.True(right.PutBlob(sha, path, out var failure), failure);
            Assert.True(right.PutAction(key, record, out failure), failure);
            Assert.NotNull(right.TryGetAction(key, out _));
            Assert.True(right.TryGetBlob(sha, _files.In("zlib.out"), out _));
        }
        foreach (var credentials in new[] { CacheCredentials.Basic("builder", "wrong-pass"), null })
        {
            using var wrong = new HttpBuildCache(server.Url(), credentials, Short);
            Assert.Null(wrong.TryGetAction(key, out var miss));
            Assert.Equal(MissKind.Unauthorized, miss!.Kind);
            Assert.False(wrong.PutAction(key, record, out var failure));
            Assert.Contains("401", failure);
            Assert.DoesNotContain("pass", miss.Reason + failure + credentials);
        }
    }

    [Fact]
    public void ABearerTokenIsSent()
    {
        using var server = new NginxCacheServer();
        var (record, _, _) = _files.Step("token", "t");
        var key = CacheTestFiles.Key("token step");
        using var right = new HttpBuildCache(server.Url("bearer/"), CacheCredentials.Bearer(NginxCacheServer.Token), Short);
        Assert.True(right.PutAction(key, record, out var failure), failure);
        Assert.NotNull(right.TryGetAction(key, out _));
        using var wrong = new HttpBuildCache(server.Url("bearer/"), CacheCredentials.Bearer("not-the-token"), Short);
        Assert.Null(wrong.TryGetAction(key, out var miss));
        Assert.Equal(MissKind.Unauthorized, miss!.Kind);
    }

    [Fact]
    public void APathPrefixIsKeptInFrontOfTheLayout()
    {
        using var server = new NginxCacheServer();
        var (record, path, sha) = _files.Step("prefixed", "under a prefix");
        var key = CacheTestFiles.Key("prefixed step");
        // Without a trailing slash too: the prefix is a directory, not a name to replace.
        using var cache = new HttpBuildCache(server.Url("teams/router"), timeouts: Short);
        Assert.True(cache.PutAction(key, record, out _));
        Assert.True(cache.PutBlob(sha, path, out _));
        Assert.True(File.Exists(Path.Combine(server.Root, "teams", "router", "ac", key)));
        Assert.True(File.Exists(Path.Combine(server.Root, "teams", "router", "cas", sha)));
        Assert.NotNull(cache.TryGetAction(key, out _));
        Assert.True(cache.HasBlob(sha));
    }

    [Fact]
    public void ABlobIsNotUploadedUnderANameThatIsNotItsHash()
    {
        using var server = new NginxCacheServer();
        using var cache = new HttpBuildCache(server.Url(), timeouts: Short);
        var (path, _) = _files.File("liar", "some bytes");
        var wrongName = CacheTestFiles.Key("other bytes");
        Assert.False(cache.PutBlob(wrongName, path, out var failure));
        Assert.Contains("hashes to", failure);
        Assert.False(File.Exists(Path.Combine(server.Root, "cas", wrongName)));
    }

    [Fact]
    public void ManyThreadsShareOneClient()
    {
        using var server = new NginxCacheServer();
        using var cache = new HttpBuildCache(server.Url(), timeouts: Short);
        var (record, path, sha) = _files.Step("shared", new string('y', 1 << 20));
        var key = CacheTestFiles.Key("shared step");
        Assert.True(cache.PutBlob(sha, path, out _));
        Assert.True(cache.PutAction(key, record, out _));
        // Every thread fetches the same blob to the same place, as parallel steps needing one file may.
        Parallel.For(0, 32, i =>
        {
            Assert.NotNull(cache.TryGetAction(key, out _));
            Assert.True(cache.TryGetBlob(sha, _files.In("out/shared"), out var miss), miss?.Reason);
        });
        Assert.Equal(64, cache.Statistics.Hits);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(_files.In("out/shared")));
        Assert.Equal(["shared"], Directory.GetFileSystemEntries(_files.In("out")).Select(Path.GetFileName));
    }

    public void Dispose() => _files.Dispose();
}
