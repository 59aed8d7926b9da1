using Kiln.Build.Stamps;

namespace Kiln.Build.Tests;

/// <summary>
/// The portable digest a shared cache keys a step with: the same step in two trees at different
/// paths, checked out at different times, has the same one, while any real change of an input
/// changes it; the stamp's own digest still sees the tree's path and the files' times.
/// </summary>
public sealed class PortableInputsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kiln-portable-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (StepInputs Prepare, StepInputs Compile) Step(string tree, string patch, DateTime time)
    {
        var package = Path.Combine(tree, "package", "foo");
        Directory.CreateDirectory(Path.Combine(package, "patches"));
        var file = Path.Combine(package, "patches", "001-fix.patch");
        File.WriteAllText(file, patch);
        File.SetLastWriteTimeUtc(file, time);
        var prepare = new StepInputs(tree).AddTree(package, tree).Add("source foo-1.tar.gz", "abc123");
        var compile = new StepInputs(tree).AddAfter(prepare)
            .AddText("recipe", $"make -C {tree}/build_dir/target-mips/foo-1 CC={tree}/staging_dir/host/bin/gcc");
        return (prepare, compile);
    }

    [Fact]
    public void TheSameStepInTwoTreesHasOnePortableDigest()
    {
        var (prepareA, compileA) = Step(Path.Combine(_root, "a"), "--- a/x\n+++ b/x\n", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var (prepareB, compileB) = Step(Path.Combine(_root, "elsewhere", "b"), "--- a/x\n+++ b/x\n", new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(prepareA.PortableDigest(), prepareB.PortableDigest());
        Assert.Equal(compileA.PortableDigest(), compileB.PortableDigest());
        // The stamps still tell the trees apart: a touched file or another path runs the step again locally.
        Assert.NotEqual(prepareA.Digest(), prepareB.Digest());
        Assert.NotEqual(compileA.Digest(), compileB.Digest());
    }

    [Fact]
    public void AChangedPatchChangesThePortableDigestOfItsStepAndTheStepsAfter()
    {
        var time = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var (prepareA, compileA) = Step(Path.Combine(_root, "a"), "--- a/x\n+++ b/x\n", time);
        var (prepareB, compileB) = Step(Path.Combine(_root, "b"), "--- a/x\n+++ b/x\n@@ changed\n", time);
        Assert.NotEqual(prepareA.PortableDigest(), prepareB.PortableDigest());
        Assert.NotEqual(compileA.PortableDigest(), compileB.PortableDigest());
    }
}
