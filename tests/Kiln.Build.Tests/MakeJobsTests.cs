using System.Text.RegularExpressions;

namespace Kiln.Build.Tests;

/// <summary>
/// PKG_BUILD_PARALLEL and PKG_JOBS: a package that builds in parallel gives its make the build's
/// jobserver (PKG_JOBS is MAKE_JOBSERVER), one that must not (PKG_BUILD_PARALLEL:=0, with its own
/// compile command passing PKG_JOBS) gives it -j1. Each fixture's make writes the flags it was
/// started with into its build directory.
/// </summary>
public sealed class MakeJobsBuild : IDisposable
{
    public MakeJobsBuild()
    {
        Tree = Knobs.Tree();
        // Slots to spare for the parallel make while the other package builds.
        var (_, failures) = Builds.Run(Tree, Builds.Mips, ["jobs-parallel", "jobs-serial"], jobs: 4);
        Assert.Empty(failures);
    }

    internal TestTree Tree { get; }

    public void Dispose() => Tree.Dispose();
}

public sealed class MakeJobsTests(MakeJobsBuild build) : IClassFixture<MakeJobsBuild>
{
    private TestTree Tree => build.Tree;

    private string MakeFlags(string package) => File.ReadAllText(Path.Combine(Knobs.BuildDirectory(Tree, package), "makeflags"));

    [Fact]
    public void AParallelPackagesMakeSharesTheJobserver()
    {
        Assert.Matches(@"\bmake --jobserver-auth=\d+,\d+\s+-C " + Regex.Escape(Knobs.BuildDirectory(Tree, "jobs-parallel")),
            Knobs.Log(Tree, "jobs-parallel", "compile"));
        Assert.Contains("--jobserver-auth=", MakeFlags("jobs-parallel"));
        Assert.DoesNotContain("-j1", MakeFlags("jobs-parallel"));
    }

    [Fact]
    public void ASerialPackagesMakeRunsOneJob()
    {
        Assert.Contains("make -j1 -C " + Knobs.BuildDirectory(Tree, "jobs-serial"), Knobs.Log(Tree, "jobs-serial", "compile"));
        Assert.Contains("-j1", MakeFlags("jobs-serial"));
        Assert.DoesNotContain("--jobserver-auth", MakeFlags("jobs-serial"));
    }
}
