using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kiln.Build.Cache;
using Kiln.Build.Tests.Cache;

namespace Kiln.Cli.Tests;

/// <summary>
/// <c>kiln cache stats|verify|gc</c> on a cache directory filled through the cache's own API (as a
/// build fills it) and damaged by writing its files directly; on a live cache server; and the
/// command lines each refuses with one message.
/// </summary>
public sealed class CacheCommandTests
{
    private sealed record Step(string Key, string Sha256, ActionRecord Record)
    {
        public string RecordFile(Scratch scratch) => scratch.Path($"cache/ac/{Key}");

        public string BlobFile(Scratch scratch) => scratch.Path($"cache/cas/{Sha256}");
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The example tree with <c>cache = ../cache</c> (and more settings) in its kiln.conf.</summary>
    private static Scratch TreeWithCache(string settings = "")
    {
        var scratch = new Scratch(withTree: true);
        scratch.Append("tree/kiln.conf", $"cache = ../cache\n{settings}");
        return scratch;
    }

    /// <summary>Stores one step per name in cache/: a record of one file, and the file's blob.</summary>
    private static List<Step> Fill(Scratch scratch, params string[] names)
    {
        using var cache = new DirectoryBuildCache(scratch.Path("cache"));
        var steps = new List<Step>();
        foreach (var name in names)
        {
            var content = $"the program {name}, built";
            var path = scratch.Write($"built/{name}", content);
            var sha = Sha256(content);
            var record = new ActionRecord([ActionOutput.File($"usr/bin/{name}", (UnixFileMode)0x1ed, content.Length, sha)]);
            var key = Sha256($"the step that builds {name}");
            Assert.True(cache.PutBlob(sha, path, out var failure), failure);
            Assert.True(cache.PutAction(key, record, out failure), failure);
            steps.Add(new Step(key, sha, record));
        }
        return steps;
    }

    private static KilnRun Kiln(Scratch scratch, params string[] arguments) => KilnProcess.Run(scratch.Root, ["--topdir", scratch.Top, .. arguments]);

    private static string[] Lines(string output) => output.TrimEnd('\n').Split('\n');

    private static long Size(string path) => new FileInfo(path).Length;

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    [Fact]
    public void StatsCountsRecordsAndBlobsTheirBytesTheLimitAndTheLastUses()
    {
        using var scratch = TreeWithCache("cache-size = 1M\n");
        var steps = Fill(scratch, "busybox", "dropbear");
        var records = steps.Sum(s => s.Record.Encode().Length);
        var blobs = steps.Sum(s => Size(s.BlobFile(scratch)));
        var uses = steps.SelectMany(s => new[] { s.RecordFile(scratch), s.BlobFile(scratch) }).Select(File.GetLastAccessTimeUtc).ToList();

        var run = Kiln(scratch, "cache", "stats");

        Assert.True(run.Status == 0, run.ToString());
        Assert.Equal(
        [
            $"cache directory {scratch.Path("cache")}",
            $"action records: 2, {records} bytes",
            $"blobs: 2, {blobs} bytes",
            $"total: 4 entries, {records + blobs} bytes",
            "size limit (cache-size): 1M (1048576 bytes)",
            $"least recently used: {Time(uses.Min())}",
            $"most recently used: {Time(uses.Max())}",
        ], Lines(run.Stdout));
        Assert.Equal("", run.Stderr);
    }

    [Theory]
    [InlineData("stats", "does not exist, no entries (the first build that stores creates it)")]
    [InlineData("verify", "does not exist, nothing to verify")]
    [InlineData("gc", "does not exist, nothing to collect")]
    public void ACacheDirectoryNotYetMadeIsEmptyAndIsNotCreated(string command, string says)
    {
        using var scratch = TreeWithCache("cache-size = 10G\n");
        var run = Kiln(scratch, "cache", command);
        Assert.True(run.Status == 0, run.ToString());
        Assert.Equal($"cache directory {scratch.Path("cache")}: {says}\n", run.Stdout);
        Assert.False(Path.Exists(scratch.Path("cache")));
    }

    [Fact]
    public void VerifyOfAnIntactCacheExitsZero()
    {
        using var scratch = TreeWithCache();
        Fill(scratch, "busybox", "dropbear");
        var run = Kiln(scratch, "cache", "verify");
        Assert.True(run.Status == 0, run.ToString());
        Assert.Equal("2 action records and 2 blobs verified: 0 problems\n", run.Stdout);
    }

    [Fact]
    public void VerifyOfACorruptCacheExitsOneWithALinePerBadEntryAndDeletesNothing()
    {
        using var scratch = TreeWithCache();
        var steps = Fill(scratch, "busybox", "dropbear");
        var (rotten, orphan) = (steps[0], steps[1]);
        File.WriteAllText(rotten.BlobFile(scratch), "the program busybox, rotten");
        File.Delete(orphan.BlobFile(scratch));
        string[] recordLines =
        [
            $"ac/{rotten.Key}: names blob {rotten.Sha256}, which is corrupt",
            $"ac/{orphan.Key}: names blob {orphan.Sha256} which the cache does not have",
        ];
        Array.Sort(recordLines, StringComparer.Ordinal);

        var run = Kiln(scratch, "cache", "verify");

        Assert.True(run.Status == 1, run.ToString());
        Assert.Equal(
        [
            $"cas/{rotten.Sha256}: content hashes to {Sha256("the program busybox, rotten")}",
            .. recordLines,
            "2 action records and 1 blob verified: 3 problems",
        ], Lines(run.Stdout));
        Assert.Equal("", run.Stderr);
        Assert.True(File.Exists(rotten.BlobFile(scratch)) && File.Exists(rotten.RecordFile(scratch)) && File.Exists(orphan.RecordFile(scratch)));
    }

    [Fact]
    public void VerifyRepairDeletesTheBadEntriesAndLeavesAnIntactCache()
    {
        using var scratch = TreeWithCache();
        var steps = Fill(scratch, "busybox", "dropbear", "uci");
        var (rotten, malformed, intact) = (steps[0], steps[1], steps[2]);
        File.WriteAllText(rotten.BlobFile(scratch), "the program busybox, rotten");
        File.WriteAllText(malformed.RecordFile(scratch), """{"version":1,"outputs":[""");

        var run = Kiln(scratch, "cache", "verify", "--repair");

        Assert.True(run.Status == 0, run.ToString());
        var lines = Lines(run.Stdout);
        Assert.Equal(4, lines.Length);
        Assert.All(lines[..^1], line => Assert.EndsWith(" (removed)", line));
        Assert.Contains(lines, line => line.StartsWith($"ac/{malformed.Key}: malformed action record: ", StringComparison.Ordinal));
        Assert.Equal("3 action records and 3 blobs verified: 3 problems, 3 removed", lines[^1]);
        Assert.Equal(
            new[] { $"ac/{intact.Key}", $"cas/{intact.Sha256}", $"cas/{malformed.Sha256}" }.Order(StringComparer.Ordinal),
            Directory.GetFiles(scratch.Path("cache"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(scratch.Path("cache"), f)).Order(StringComparer.Ordinal));

        var again = Kiln(scratch, "cache", "verify");
        Assert.True(again.Status == 0, again.ToString());
        // The malformed record's blob is intact: another record may name it, and gc evicts it once unused.
        Assert.Equal("1 action record and 2 blobs verified: 0 problems\n", again.Stdout);
    }

    [Fact]
    public void GcDeletesTheLeastRecentlyUsedEntriesDownToTheSize()
    {
        using var scratch = TreeWithCache();
        var steps = Fill(scratch, "busybox", "dropbear", "uci");
        // Used in the order of the steps, each record just before its blob.
        var used = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var files = steps.SelectMany(s => new[] { s.RecordFile(scratch), s.BlobFile(scratch) }).ToList();
        for (var i = 0; i < files.Count; i++) File.SetLastAccessTimeUtc(files[i], used.AddMinutes(i));
        var total = files.Sum(Size);
        var freed = Size(files[0]) + Size(files[1]);
        var limit = total - freed;

        var run = Kiln(scratch, "cache", "gc", "--size", limit.ToString(CultureInfo.InvariantCulture));

        Assert.True(run.Status == 0, run.ToString());
        Assert.Equal($"kept 4 entries, {limit} bytes; removed 2 entries, freed {freed} bytes (size limit {limit} bytes)\n", run.Stdout);
        Assert.Equal([false, false, true, true, true, true], files.Select(File.Exists));
    }

    [Fact]
    public void GcCollectsToTheCacheSizeOfKilnConf()
    {
        using var scratch = TreeWithCache("cache-size = 1\n");
        var steps = Fill(scratch, "busybox");
        var total = Size(steps[0].RecordFile(scratch)) + Size(steps[0].BlobFile(scratch));
        var run = Kiln(scratch, "cache", "gc");
        Assert.True(run.Status == 0, run.ToString());
        Assert.Equal($"kept 0 entries, 0 bytes; removed 2 entries, freed {total} bytes (size limit 1 byte)\n", run.Stdout);
    }

    [Fact]
    public void StatsOfAServerSaysItAnswers()
    {
        using var server = new NginxCacheServer();
        using var scratch = new Scratch(withTree: true);
        scratch.Append("tree/kiln.conf", $"cache = {server.Url("kiln/")}\n");
        var run = Kiln(scratch, "cache", "stats");
        Assert.True(run.Status == 0, run.ToString());
        Assert.Equal($"cache server {server.Url("kiln/")}: answers; its occupancy is the server's to report (bazel-remote's /status, the disk under nginx's root)\n", run.Stdout);

        var broken = Kiln(scratch, "cache", "stats", "--cache", server.Url("broken/").AbsoluteUri);
        Assert.True(broken.Status == 2, broken.ToString());
        Assert.StartsWith($"kiln: cache server {server.Url("broken/")} is not usable: HEAD cas/{new string('0', 64)}: HTTP 503 ", broken.Stderr);
        Assert.Single(Lines(broken.Stderr));
    }

    [Fact]
    public void StatsOfAServerBehindBasicAuthUsesTheCredentialsOfTheEnvironmentAndNeverPrintsThem()
    {
        using var server = new NginxCacheServer(("ci", "s3cret-pass"));
        using var scratch = new Scratch(withTree: true);
        var url = server.Url("kiln/").AbsoluteUri;
        var refused = Kiln(scratch, "cache", "stats", "--cache", url);
        Assert.True(refused.Status == 2, refused.ToString());
        Assert.Equal($"kiln: cache server {url} is not usable: HEAD cas/{new string('0', 64)}: the cache server refused the credentials (HTTP 401)\n", refused.Stderr);

        var wrong = KilnProcess.Run(scratch.Root, ["--topdir", scratch.Top, "cache", "stats", "--cache", url], environment: new Dictionary<string, string>
        {
            [CacheCredentials.UserVariable] = "ci",
            [CacheCredentials.PasswordVariable] = "not-the-pass",
        });
        Assert.True(wrong.Status == 2, wrong.ToString());
        Assert.DoesNotContain("not-the-pass", wrong.Stderr + wrong.Stdout);

        var accepted = KilnProcess.Run(scratch.Root, ["--topdir", scratch.Top, "cache", "stats", "--cache", url], environment: new Dictionary<string, string>
        {
            [CacheCredentials.UserVariable] = "ci",
            [CacheCredentials.PasswordVariable] = "s3cret-pass",
        });
        Assert.True(accepted.Status == 0, accepted.ToString());
        Assert.StartsWith($"cache server {url}: answers;", accepted.Stdout);
        Assert.DoesNotContain("s3cret-pass", accepted.Stderr + accepted.Stdout);
    }

    [Theory]
    [InlineData("", new[] { "cache", "stats" }, "kiln: no build cache: set cache = DIR or URL in TREE/kiln.conf, or pass --cache")]
    [InlineData("", new[] { "cache", "verify" }, "kiln: no build cache: set cache = DIR or URL in TREE/kiln.conf, or pass --cache")]
    [InlineData("cache = http://127.0.0.1:1/kiln/\n", new[] { "cache", "stats" },
        "kiln: cache server http://127.0.0.1:1/kiln/ is not usable: HEAD cas/0000000000000000000000000000000000000000000000000000000000000000: Connection refused")]
    [InlineData("", new[] { "cache", "verify", "--cache", "http://127.0.0.1:1/kiln/" },
        "kiln: kiln cache verify works on a cache directory, and http://127.0.0.1:1/kiln/ is a server (it verifies what it stores itself)")]
    [InlineData("", new[] { "cache", "gc", "--cache", "http://127.0.0.1:1/kiln/", "--size", "1G" },
        "kiln: http://127.0.0.1:1/kiln/ is a cache server, which evicts by its own settings (bazel-remote --max_size, a cron job sweeping nginx's root); kiln cache gc works on a cache directory")]
    [InlineData("cache = ../cache\n", new[] { "cache", "gc" }, "kiln: no size to collect to: set cache-size in kiln.conf or pass --size")]
    [InlineData("", new[] { "cache", "gc", "--cache", "cache" }, "kiln: no size to collect to: pass --size (kiln.conf's cache-size is for the cache kiln.conf names)")]
    [InlineData("cache = kiln.conf\n", new[] { "cache", "verify" }, "kiln: kiln.conf:4: *** TREE/kiln.conf: is a file, not a cache directory.")]
    [InlineData("", new[] { "cache", "stats", "--cache", "tree/kiln.conf" }, "kiln: --cache: TREE/kiln.conf: is a file, not a cache directory")]
    [InlineData("", new[] { "build", "--target", "malta/le", "greeter", "--cache", "tree/kiln.conf" },
        "kiln: TREE/kiln.conf: is a file, not a cache directory (--cache)")]
    [InlineData("", new[] { "build", "--target", "malta/le", "greeter", "--cache", "cache", "--cache-mode", "sometimes" },
        "kiln: --cache-mode is read, readwrite or off, not 'sometimes'")]
    [InlineData("cache =\n", new[] { "build", "--target", "malta/le", "greeter" },
        "kiln: kiln.conf:4: *** cache names no server or directory (give a URL or a directory, or set cache-mode = off).")]
    [InlineData("cache = ../cache\n", new[] { "cache", "gc", "--size", "lots" }, "kiln: --size is a size such as 500M or 10G, not 'lots'")]
    [InlineData("", new[] { "cache", "stats", "--cache", "ftp://example.org/cache" }, "kiln: --cache: cache 'ftp://example.org/cache' is neither an http(s) URL nor a directory")]
    public void RefusalsAreOneMessage(string settings, string[] arguments, string message)
    {
        using var scratch = new Scratch(withTree: true);
        scratch.Append("tree/kiln.conf", settings);
        var run = Kiln(scratch, arguments);
        Assert.True(run.Status == 2, run.ToString());
        Assert.Equal(message.Replace("TREE/", scratch.Top + "/") + "\n", run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.False(Path.Exists(scratch.Path("cache")));
    }
}
