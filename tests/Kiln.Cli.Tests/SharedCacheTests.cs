using Kiln.Build.Tests.Cache;

namespace Kiln.Cli.Tests;

/// <summary>
/// <c>kiln build --target malta/le --cache URL</c> in two clean copies of the example tree that
/// share one nginx cache: the second compiles nothing, takes its packages from the cache and makes
/// the same bytes — packages, indexes and images.
/// </summary>
public sealed class SharedCacheTests : IDisposable
{
    private readonly NginxCacheServer _server = new();
    private readonly Scratch _first = new(withTree: true);
    private readonly Scratch _second = new(withTree: true);

    public void Dispose()
    {
        _server.Dispose();
        _first.Dispose();
        _second.Dispose();
    }

    private KilnRun Build(Scratch scratch, params string[] extra) => FirmwareTrees.Run(scratch,
        ["build", "--target", FirmwareTrees.Malta, "--kernel", FirmwareTrees.Kernel(FirmwareTrees.Malta), "--cache", _server.Url("kiln/").AbsoluteUri,
            .. extra], TimeSpan.FromMinutes(8));

    private static SortedDictionary<string, string> Bin(Scratch scratch) => FirmwareTrees.Files(Path.Combine(scratch.Top, "bin"));

    [Fact]
    public void ASecondCleanTreeTakesEveryPackageFromTheCacheAndMakesTheSameFiles()
    {
        var cold = Build(_first);
        Assert.Contains("0 steps taken", cold.Stderr);
        // The same signing key, so that the indexes' signatures are the same bytes too.
        foreach (var key in new[] { "key-build", "key-build.pub" }) File.Copy(Path.Combine(_first.Top, key), Path.Combine(_second.Top, key));

        var warm = Build(_second, "--explain");
        var lines = warm.Stderr.Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("compile ", StringComparison.Ordinal) || l.StartsWith("host-compile ", StringComparison.Ordinal)
            || l.StartsWith("configure ", StringComparison.Ordinal) || l.StartsWith("prepare ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("install package/libs/libgreet", StringComparison.Ordinal) && l.EndsWith(": from the cache", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("kiln: cache " + _server.Url("kiln/").AbsoluteUri, StringComparison.Ordinal) && !l.Contains(" 0 steps taken"));
        Assert.DoesNotContain("warning", warm.Stderr);

        var first = Bin(_first);
        var second = Bin(_second);
        Assert.Contains(first.Keys, k => k.EndsWith(".ipk", StringComparison.Ordinal));
        Assert.Contains(first.Keys, k => k.Contains("squashfs", StringComparison.Ordinal));
        var differing = first.Keys.Union(second.Keys).Where(k => first.GetValueOrDefault(k) != second.GetValueOrDefault(k)).ToList();
        Assert.True(differing.Count == 0, "differ: " + string.Join(", ", differing));
    }
}
