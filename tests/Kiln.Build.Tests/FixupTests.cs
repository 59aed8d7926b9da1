using Kiln.Build.Steps;

namespace Kiln.Build.Tests;

/// <summary>
/// PKG_FIXUP: what runs before configure. autoreconf makes the configure script a source
/// released without one lacks; libtool does so with libtoolize installing ltmain.sh;
/// patch-libtool applies the tree's tools/libtool/files patch for the ltmain.sh version a source
/// ships. The packages are built up to configure.
/// </summary>
public sealed class FixupBuild : IDisposable
{
    public FixupBuild()
    {
        Tree = Knobs.Tree();
        var (_, failures) = Builds.Run(Tree, Builds.Mips, ["fixup-autoreconf", "fixup-libtool", "fixup-patch-libtool"],
            lastStep: StepKind.Configure);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => $"{f.Node}: {f.Message}\n{string.Join("\n", f.Step?.Tail(30) ?? [])}")));
    }

    internal TestTree Tree { get; }

    public void Dispose() => Tree.Dispose();
}

public sealed class FixupTests(FixupBuild build) : IClassFixture<FixupBuild>
{
    private TestTree Tree => build.Tree;

    private string HostBin => Tree.In("staging_dir/host/bin");

    private bool Shipped(string package, string file) => File.Exists(Tree.In($"package/knobs/{package}/src/{file}"));

    private bool Built(string package, string file) => File.Exists(Path.Combine(Knobs.BuildDirectory(Tree, package), file));

    [Fact]
    public void AutoreconfMakesTheConfigureScriptThatConfigureThenRuns()
    {
        var log = Knobs.Log(Tree, "fixup-autoreconf", "configure");
        Assert.Contains($"{HostBin}/autoreconf -v -f -i -B {Tree.In("staging_dir/host/share/aclocal")}", log);
        // autoreconf's own output comes before the configure command.
        Assert.True(log.IndexOf("autoreconf: Entering directory", StringComparison.Ordinal)
            is var autoreconf and >= 0 && autoreconf < log.IndexOf(" ./configure --target=", StringComparison.Ordinal), log);
        Assert.False(Shipped("fixup-autoreconf", "configure"));
        Assert.True(Built("fixup-autoreconf", "configure"));
        Assert.True(Built("fixup-autoreconf", "config.status"));
        Assert.True(Built("fixup-autoreconf", "Makefile"));
    }

    [Fact]
    public void LibtoolRunsAutoreconfWithLibtoolizeInstallingLtmain()
    {
        var log = Knobs.Log(Tree, "fixup-libtool", "configure");
        Assert.Contains($"LIBTOOLIZE='{HostBin}/libtoolize --install'", log);
        Assert.Contains($"{HostBin}/autoreconf -v -f -i", log);
        Assert.False(Shipped("fixup-libtool", "ltmain.sh"));
        Assert.True(Built("fixup-libtool", "ltmain.sh"));
        // configure made the package's libtool script from it.
        Assert.True(Built("fixup-libtool", "libtool"));
    }

    [Fact]
    public void PatchLibtoolAppliesTheTreesPatchForTheShippedVersion()
    {
        var ltmain = File.ReadAllText(Tree.In("package/knobs/fixup-patch-libtool/src/ltmain.sh"));
        var version = ltmain.Split('\n').Single(l => l.StartsWith("VERSION=", StringComparison.Ordinal))[8..];
        var series = string.Join('.', version.Split('.').Take(2));
        Assert.Contains($"autotools.mk: Found libtool v{series} - applying patch to ./ltmain.sh", Knobs.Log(Tree, "fixup-patch-libtool", "configure"));

        var patch = File.ReadAllLines(Tree.In($"tools/libtool/files/libtool-v{series}.patch"));
        var patched = File.ReadAllText(Path.Combine(Knobs.BuildDirectory(Tree, "fixup-patch-libtool"), "ltmain.sh"));
        foreach (var line in patch.Where(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal))) Assert.Contains(line[1..], patched);
        foreach (var line in patch.Where(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal)))
            Assert.DoesNotContain(line[1..] + "\n", patched);
    }
}
