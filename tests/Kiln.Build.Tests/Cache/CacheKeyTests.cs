using Kiln.Build.Cache;

namespace Kiln.Build.Tests.Cache;

/// <summary>
/// What a cached package build is keyed on besides its files: the config it depends on
/// (PKG_CONFIG_DEPENDS) and the compiler flags the target's config gives its recipes. Trees that
/// differ in them do not share outputs; trees that agree do (a cache directory, package/knobs/cleanable).
/// </summary>
public sealed class CacheKeyTests : IDisposable
{
    private const string Cleanable = "package/knobs/cleanable";

    private readonly string _cache = Directory.CreateTempSubdirectory("kiln-cache-keys-").FullName;
    private readonly List<TestTree> _trees = [];

    public void Dispose()
    {
        foreach (var tree in _trees) tree.Dispose();
        Directory.Delete(_cache, recursive: true);
    }

    private static string Greeting(string value) => $"CONFIG_PACKAGE_cleanable=y\nCONFIG_CLEANABLE_GREETING=\"{value}\"\n";

    /// <summary>Builds cleanable in a fresh tree; says whether its build came from the cache.</summary>
    private bool FromCache(string extraConfig)
    {
        var tree = Knobs.Tree();
        _trees.Add(tree);
        var (observer, result) = Builds.RunCached(tree, Builds.Mips, ["cleanable"], new CacheSettings(_cache, CacheMode.ReadWrite, null), extraConfig: extraConfig);
        CachedBuildTests.Succeeded(result);
        var restored = observer.FromCache.Any(r => r.Node == Cleanable);
        var compiled = observer.Ran.Any(r => r.Node == Cleanable && r.Step == "compile");
        Assert.True(restored != compiled, $"{Cleanable} restored: {restored}, compiled: {compiled}");
        return restored;
    }

    [Fact]
    public void AnotherValueOfAConfigDependencyOrOtherCompilerFlagsMissAndTheSameConfigHits()
    {
        Assert.False(FromCache(Greeting("hello")));
        Assert.False(FromCache(Greeting("good day")));
        Assert.False(FromCache(Greeting("hello") + "CONFIG_TARGET_OPTIMIZATION=\"-O1 -pipe\"\n"));
        Assert.True(FromCache(Greeting("hello")));
        Assert.True(FromCache(Greeting("good day")));
    }
}
