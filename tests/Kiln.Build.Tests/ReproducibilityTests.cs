using System.Security.Cryptography;

namespace Kiln.Build.Tests;

/// <summary>Two clean builds of the example feed write the same bytes: every .ipk and the index.</summary>
public sealed class ReproducibilityTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private SortedDictionary<string, string> Outputs() => new(
        Directory.EnumerateFiles(_tree.In("bin"), "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(_tree.Top, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);

    [Fact]
    public void TwoCleanBuildsGiveByteIdenticalPackagesAndIndexes()
    {
        Builds.Succeed(_tree, Builds.Mips, ExampleBuild.Packages);
        var first = Outputs();
        Assert.Contains(first.Keys, k => k.EndsWith("Packages.sig", StringComparison.Ordinal));

        foreach (var output in new[] { "build_dir", "staging_dir", "bin", "logs" }) Directory.Delete(_tree.In(output), recursive: true);
        Builds.Succeed(_tree, Builds.Mips, ExampleBuild.Packages);
        var second = Outputs();
        var differing = first.Keys.Union(second.Keys).Where(k => first.GetValueOrDefault(k) != second.GetValueOrDefault(k)).ToList();
        Assert.True(differing.Count == 0, "differ: " + string.Join(", ", differing));
    }
}
