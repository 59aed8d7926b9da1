using System.Security.Cryptography;
using Kiln.Build.Cache;
using Kiln.Build.Scheduling;

namespace Kiln.Build.Tests.Cache;

/// <summary>
/// The example feed and two host builds (stamper's, which needs stampfont's: Fixtures/packages) built once into a shared cache
/// (Debian's nginx, WebDAV): what other trees then take from it.
/// </summary>
public sealed class SharedCacheBuild : IDisposable
{
    public SharedCacheBuild()
    {
        First = CachedBuildTests.NewTree("");
        var (observer, result) = Builds.RunCached(First, Builds.Mips, CachedBuildTests.Packages, Remote);
        CachedBuildTests.Succeeded(result);
        Cold = observer;
        ColdReport = result.Cache!;
    }

    internal NginxCacheServer Server { get; } = new();

    public CacheSettings Remote => new(Server.Url().AbsoluteUri, CacheMode.ReadWrite, null);

    /// <summary>The tree whose build filled the cache.</summary>
    internal TestTree First { get; }

    internal RecordingObserver Cold { get; }

    internal CacheReport ColdReport { get; }

    /// <summary>The action records on the server, with the node and step each is for.</summary>
    public IEnumerable<(string Key, ActionRecord Record)> Records() =>
        Directory.EnumerateFiles(Path.Combine(Server.Root, "ac")).Select(f => (Path.GetFileName(f), ActionRecord.TryParse(File.ReadAllBytes(f), out _)!));

    public void Dispose()
    {
        First.Dispose();
        Server.Dispose();
    }
}

/// <summary>
/// Trees that share one build cache: a second copy of the tree at another path builds nothing and
/// packs the same bytes; a changed patch misses that package and what depends on it; a corrupt blob
/// on the server and a server that stops mid-build cost local work, never the build.
/// </summary>
public sealed class CachedBuildTests(SharedCacheBuild shared) : IClassFixture<SharedCacheBuild>, IDisposable
{
    internal static readonly string[] Packages = [.. ExampleBuild.Packages, "stamper/host"];

    private static readonly string[] LocalWork = ["prepare", "configure", "compile", "install", "installdev", "pack"];

    private readonly List<TestTree> _trees = [];

    public void Dispose()
    {
        foreach (var tree in _trees) tree.Dispose();
    }

    /// <summary>A fresh copy of the example tree at another path, signing with the first tree's key (so indexes compare).</summary>
    private TestTree Tree(string under)
    {
        var tree = NewTree(under);
        _trees.Add(tree);
        foreach (var key in new[] { "key-build", "key-build.pub" }) File.Copy(shared.First.In(key), tree.In(key));
        return tree;
    }

    internal static TestTree NewTree(string under)
    {
        var tree = new TestTree(under);
        TestTree.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "packages"), tree.In("package"));
        return tree;
    }

    internal static void Succeeded(BuildResult result) =>
        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => $"{f.Node}: {f.Message}\n{string.Join("\n", f.Step?.Tail(30) ?? [])}")));

    private static SortedDictionary<string, string> Outputs(TestTree tree) => new(
        Directory.EnumerateFiles(tree.In("bin"), "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(tree.Top, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);

    /// <summary>The package builds (not the toolchain's libraries, which are copied from the toolchain) whose steps ran locally.</summary>
    private static SortedSet<string> BuiltLocally(RecordingObserver observer) =>
        new(observer.Ran.Where(r => r.Node != "toolchain" && LocalWork.Contains(r.Step.Replace("host-", ""))).Select(r => r.Node), StringComparer.Ordinal);

    private static UnixFileMode Mode(string path) => OperatingSystem.IsWindows() ? 0 : File.GetUnixFileMode(path);

    private static SortedSet<string> Restored(RecordingObserver observer) => new(observer.FromCache.Select(r => r.Node), StringComparer.Ordinal);

    [Fact]
    public void TheFirstBuildStoresEveryPackageBuild()
    {
        Assert.Empty(shared.Cold.FromCache);
        var built = BuiltLocally(shared.Cold);
        Assert.Contains("package/libs/libgreet", built);
        Assert.Contains("package/devel/stamper/host", built);
        Assert.Contains("package/devel/stampfont/host", built);
        // A record for each step with outputs: install, pack, installdev (when the package stages), host-install.
        var stored = shared.Cold.Ran.Where(r => r.Step is "install" or "pack" or "installdev" or "host-install").ToList();
        Assert.Equal(stored.Count, shared.ColdReport.UploadedRecords);
        var records = shared.Records().ToList();
        foreach (var (node, step, _) in stored)
            Assert.Contains(records, r => node.StartsWith(r.Record.Metadata["node"], StringComparison.Ordinal) && r.Record.Metadata["step"] == step);
        // The toolchain's libraries too, with their packages.
        Assert.Contains(records, r => r.Record.Metadata["node"] == "toolchain" && r.Record.Outputs.Any(o => o.Path.EndsWith(".ipk", StringComparison.Ordinal)));
        Assert.Contains(records, r => r.Record.Metadata["node"] == "package/libs/libgreet" && r.Record.Metadata["step"] == "installdev");
        Assert.Contains(records, r => r.Record.Metadata["step"] == "host-install" && r.Record.Outputs.Any(o => o.Path == "staging_dir/hostpkg/bin/stamper"));
        Assert.Empty(shared.ColdReport.Problems);
        foreach (var blob in records.SelectMany(r => r.Record.Blobs()))
            Assert.Equal(blob, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(shared.Server.Root, "cas", blob)))));
    }

    [Fact]
    public void ASecondTreeElsewhereCompilesNothingAndPacksTheSameBytes()
    {
        var second = Tree("another/place/for/the/tree");
        var (warm, result) = Builds.RunCached(second, Builds.Mips, Packages, shared.Remote);
        Succeeded(result);
        // Nothing at all runs: not even a download (the sources' hashes are in the Makefiles) or the toolchain's libraries.
        Assert.True(warm.Ran.Count == 0, string.Join("\n", warm.Ran.Select(r => $"{r.Node} {r.Step}: {r.Why}").Concat(warm.CacheMisses.Select(m => $"{m.Node} missed: {m.Why}")).Concat(warm.UpToDate.Select(u => $"{u.Node} {u.Step} up to date"))));
        Assert.Equal(BuiltLocally(shared.Cold).Append("toolchain"), Restored(warm));
        Assert.Equal(Outputs(shared.First), Outputs(second));
        // The staged files and the host builds came back too, where the builds installed them, with their modes.
        Assert.True(File.Exists(second.In("staging_dir/target-mips-linux-gnu_glibc/usr/include/greet.h")));
        Assert.True(File.Exists(second.In("staging_dir/hostpkg/include/stampfont.h")));
        Assert.Equal(Mode(shared.First.In("staging_dir/hostpkg/bin/stamper")), Mode(second.In("staging_dir/hostpkg/bin/stamper")));

        var again = Builds.RunCached(second, Builds.Mips, Packages, shared.Remote);
        Succeeded(again.Result);
        Assert.Empty(again.Observer.Ran);
        Assert.Empty(again.Observer.FromCache);
    }

    [Fact]
    public void AChangedPatchMissesThatPackageAlone()
    {
        var tree = Tree("patched");
        var patch = tree.In("package/utils/greeter/patches/010-default-message.patch");
        File.AppendAllText(patch, "\n");
        var (observer, result) = Builds.RunCached(tree, Builds.Mips, Packages, shared.Remote);
        Succeeded(result);
        var greeter = BuiltLocally(observer);
        Assert.NotEmpty(greeter);
        Assert.True(greeter.All(node => node.StartsWith("package/utils/greeter", StringComparison.Ordinal)),
            string.Join("\n", observer.CacheMisses.Select(m => $"{m.Node} missed: {m.Why}")));
        Assert.Contains("package/libs/libgreet", Restored(observer));
        Assert.Contains(observer.CacheMisses, m => m.Node.StartsWith("package/utils/greeter", StringComparison.Ordinal) && m.Why.Contains("not in the cache"));
    }

    [Fact]
    public void AChangedPatchOfALibraryMissesWhatDependsOnIt()
    {
        var tree = Tree("library-patched");
        tree.Write("package/libs/libgreet/patches/001-notes.patch", """
            --- /dev/null
            +++ b/NOTES
            @@ -0,0 +1 @@
            +Patched by the cache test.

            """);
        var (observer, result) = Builds.RunCached(tree, Builds.Mips, Packages, shared.Remote);
        Succeeded(result);
        // libgreet and greeter, which compiles against libgreet; the host builds do not need libgreet.
        Assert.True(BuiltLocally(shared.Cold).Where(n => !n.EndsWith("/host", StringComparison.Ordinal)).SequenceEqual(BuiltLocally(observer)),
            string.Join("\n", observer.CacheMisses.Select(m => $"{m.Node} missed: {m.Why}")));
        Assert.Equal(["package/devel/stampfont/host", "package/devel/stamper/host", "toolchain"], Restored(observer));
    }

    [Fact]
    public void ACorruptBlobOnTheServerIsDetectedAndThatPackageRebuilt()
    {
        var (key, record) = shared.Records().First(r => r.Record.Metadata["node"] == "package/libs/libgreet" && r.Record.Metadata["step"] == "install");
        var blob = Path.Combine(shared.Server.Root, "cas", record.Blobs()[0]);
        var good = File.ReadAllBytes(blob);
        var bad = (byte[])good.Clone();
        bad[bad.Length / 2] ^= 0xff;
        File.WriteAllBytes(blob, bad);

        var tree = Tree("corrupt");
        var (observer, result) = Builds.RunCached(tree, Builds.Mips, Packages, shared.Remote);
        Succeeded(result);
        Assert.Contains("package/libs/libgreet", BuiltLocally(observer));
        Assert.Contains(observer.CacheMisses, m => m.Node == "package/libs/libgreet" && m.Why.Contains("corrupt"));
        Assert.Equal(Outputs(shared.First), Outputs(tree));
        Assert.True(result.Cache!.Statistics.Misses(MissKind.Corrupt) >= 1);
        // Built here, the blob was uploaded again over the corrupt one.
        Assert.Equal(good, File.ReadAllBytes(blob));
        Assert.NotNull(key);
    }

    [Fact]
    public void AServerStoppedMidBuildDoesNotFailTheBuild()
    {
        var tree = Tree("server-stops");
        tree.Write("package/utils/greeter/files/extra.txt", "a change, so that greeter is built and stored\n");
        var stopped = 0;
        var observer = new RecordingObserver
        {
            OnNodeFinished = node =>
            {
                if (node == "package/libs/libgreet" && Interlocked.Exchange(ref stopped, 1) == 0) shared.Server.Stop();
            },
        };
        try
        {
            var (_, result) = Builds.RunCached(tree, Builds.Mips, Packages, shared.Remote, observer);
            Succeeded(result);
            Assert.Equal(1, stopped);
            Assert.Contains("package/libs/libgreet", Restored(observer));
            Assert.Contains(BuiltLocally(observer), n => n.StartsWith("package/utils/greeter", StringComparison.Ordinal));
            Assert.NotEmpty(result.Cache!.Problems);
            Assert.True(File.Exists(Directory.GetFiles(tree.In("bin"), "greeter_*.ipk", SearchOption.AllDirectories).Single()));
        }
        finally
        {
            shared.Server.Start();
        }
    }
}
