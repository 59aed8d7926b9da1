using System.Text.RegularExpressions;

namespace Kiln.Build.Tests;

/// <summary>
/// CONFIGURE_PATH, MAKE_PATH, PKG_SUBDIRS and PKG_INSTALL on one fixture (package/knobs/layout):
/// configure and make run in the source's build/ directory, make is given only the listed
/// subdirectories that exist, and the package's files come from its own `make install` into
/// PKG_INSTALL_DIR.
/// </summary>
public sealed class SourceLayoutBuild : IDisposable
{
    public SourceLayoutBuild()
    {
        Tree = Knobs.Tree();
        Builds.Succeed(Tree, Builds.Mips, ["layout"]);
    }

    internal TestTree Tree { get; }

    public void Dispose() => Tree.Dispose();
}

public sealed class SourceLayoutTests(SourceLayoutBuild build) : IClassFixture<SourceLayoutBuild>
{
    private TestTree Tree => build.Tree;

    private string BuildDirectory => Knobs.BuildDirectory(Tree, "layout");

    [Fact]
    public void ConfigureRunsInConfigurePath()
    {
        var configurePath = Knobs.Setting(Tree, "layout", "CONFIGURE_PATH");
        Assert.Contains($"cd {BuildDirectory}/{configurePath}/;", Knobs.Log(Tree, "layout", "configure"));
        // The stand-in configure script wrote the --prefix it was given where it ran.
        Assert.Equal("PREFIX = /usr\n", File.ReadAllText(Path.Combine(BuildDirectory, configurePath, "config.mk")));
    }

    [Fact]
    public void MakeRunsInMakePathWithTheSubdirectoriesThatExist()
    {
        var makePath = Knobs.Setting(Tree, "layout", "MAKE_PATH");
        var log = Knobs.Log(Tree, "layout", "compile");
        Assert.Contains($"make -j1 -C {BuildDirectory}/{makePath}", log);
        // Given to make unexpanded, for its own $(wildcard) in MAKE_PATH.
        var subdirs = Knobs.Setting(Tree, "layout", "PKG_SUBDIRS");
        Assert.Contains($"SUBDIRS='$(wildcard {subdirs})'", log);
        // The source's make looped over those that exist (not over its own list, whose doc fails).
        var existing = subdirs.Split(' ').Where(d => Directory.Exists(Path.Combine(BuildDirectory, makePath, d))).ToList();
        Assert.True(existing.Count < subdirs.Split(' ').Length);
        Assert.Contains($"for d in {string.Join(' ', existing)}; do", log);
        Assert.DoesNotContain("makeinfo", log);
        Assert.True(File.Exists(Path.Combine(BuildDirectory, makePath, "lib", "libknob.a")));
        Assert.True(File.Exists(Path.Combine(BuildDirectory, makePath, "app", "knob-app")));
    }

    [Fact]
    public void PkgInstallRunsMakeInstallIntoPkgInstallDir()
    {
        var install = Path.Combine(BuildDirectory, "ipkg-install");
        var makePath = $"{BuildDirectory}/{Knobs.Setting(Tree, "layout", "MAKE_PATH")}";
        // One command (no ';' before its end): make in MAKE_PATH, DESTDIR, the install goal.
        Assert.Matches($@"make -C {Regex.Escape(makePath)} [^;]*DESTDIR=""{Regex.Escape(install)}""[^;]*\binstall;",
            Knobs.Log(Tree, "layout", "compile"));
        Assert.True(File.Exists(Path.Combine(install, "usr/bin/knob-app")));
        // Package/layout/install took the program from there.
        Assert.True(File.Exists(Path.Combine(BuildDirectory, "ipkg-mips_24kc/layout/usr/bin/knob-app")));
    }
}
