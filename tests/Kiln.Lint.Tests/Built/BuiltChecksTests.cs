using Kiln.Lint.Findings;
using Kiln.Packages.Scanning;

namespace Kiln.Lint.Tests.Built;

/// <summary>
/// <c>--built</c> on packages built for the occasion (see <see cref="BuiltTreeFixture"/>): each
/// fixture breaks one rule and gets that one finding, at the line concerned; the clean package
/// and its dependency get none.
/// </summary>
public sealed class BuiltChecksTests(BuiltTreeFixture tree) : IClassFixture<BuiltTreeFixture>
{
    private LintResult Lint(string path, bool built = true) =>
        Linter.Default.Run(new LintOptions(tree.Top, [Path.Combine(tree.Top, path)], directory => new ScanOptions(tree.Top, directory)) { Built = built });

    /// <summary>The findings of the rules that need the build (the Makefile rules are other tests' business).</summary>
    private List<Finding> BuildFindings(string path, bool built = true) => Lint(path, built).Findings.Where(f => f.Rule.NeedsBuild).ToList();

    [Theory]
    [InlineData("package/libs/clean")]
    [InlineData("package/libs/extra")]
    public void ACleanBuiltPackageHasNoFindings(string path)
    {
        var result = Lint(path);
        Assert.DoesNotContain(result.Findings, f => f.Rule.NeedsBuild);
        Assert.Equal(0, result.NotBuilt);
    }

    [Theory]
    [InlineData("package/libs/noabi", "libraries/abi-version", "Makefile", "define Package/libnoabi", "set ABI_VERSION:=2")]
    [InlineData("package/libs/wrongabi", "libraries/abi-version-soname", "Makefile", "ABI_VERSION:=1", "set ABI_VERSION:=2")]
    [InlineData("package/libs/devlink", "libraries/unversioned-link", "Makefile", "$(CP) $(PKG_INSTALL_DIR)/usr/lib/libdevlink.so* $(1)/usr/lib/",
        "usr/lib/libdevlink.so next to libdevlink.so.1")]
    [InlineData("package/libs/copied", "libraries/copied-symlink", "Makefile", "$(INSTALL_DATA) $(PKG_BUILD_DIR)/libcopied.so.* $(1)/usr/lib/",
        "usr/lib/libcopied.so.1 as a copy of libcopied.so.1.0.0")]
    [InlineData("package/utils/missing", "libraries/needed-not-provided", "Makefile", "DEPENDS:=+libclean",
        "usr/bin/missing-app needs libextra.so.1, which neither missing-app nor any package its Depends reach ships: add +libextra")]
    [InlineData("package/utils/linked", "dependencies/linked-build-depends", "Makefile", "PKG_BUILD_DEPENDS:=extra",
        "usr/bin/linked-app needs libextra.so.1, which libextra1 ships")]
    [InlineData("package/utils/docs", "size/development-files", "Makefile", "$(INSTALL_DATA) $(PKG_INSTALL_DIR)/usr/share/man/man1/docs.1 $(1)/usr/share/man/man1/",
        "man pages (usr/share/man/man1/docs.1)")]
    [InlineData("package/utils/badpatch", "layout/patch-applies", "patches/001-shout-drei.patch", "--- a/greeting.txt",
        "greeting.txt: hunk #1 FAILED at 2 (1 later patch was not tried)")]
    [InlineData("package/utils/fuzzpatch", "layout/patch-applies", "patches/002-shout-seven.patch", "--- a/greeting.txt",
        "greeting.txt: hunk #1 succeeded at 6 (offset 3 lines)")]
    public void EachFixtureBreaksItsRuleAndNoOther(string path, string rule, string file, string line, string message)
    {
        var finding = Assert.Single(BuildFindings(path));
        Assert.Equal(rule, finding.Rule.Id);
        Assert.Equal($"{path}/{file}", finding.Location.File);
        Assert.Equal(Fixtures.LineOf(Path.Combine(tree.Top, path, file), line), finding.Location.Line);
        Assert.Contains(message, finding.Message);
    }

    [Fact]
    public void APackageWithoutAnIpkIsCountedNotChecked()
    {
        var result = Lint("package/utils/unbuilt");
        Assert.DoesNotContain(result.Findings, f => f.Rule.NeedsBuild);
        Assert.Equal(1, result.NotBuilt);
        Assert.EndsWith("; 1 binary package not built (no .ipk: not checked)", result.Summary);
    }

    [Fact]
    public void WithoutBuiltTheBuildRulesSayNothing()
    {
        foreach (var path in new[] { "package/libs/noabi", "package/utils/badpatch", "package/utils/missing" })
            Assert.Empty(BuildFindings(path, built: false));
        Assert.Null(Lint("package/libs/noabi", built: false).NotBuilt);
    }

    [Fact]
    public void PatchingLeavesNoSourceBehind()
    {
        var before = Directory.GetDirectories(Path.GetTempPath(), "kiln-lint-*").Length;
        Assert.Single(BuildFindings("package/utils/badpatch"));
        Assert.Single(BuildFindings("package/utils/fuzzpatch"));
        // The fixture's own tree is a kiln-lint-built-* directory; an unpacked source would be one more.
        Assert.Equal(before, Directory.GetDirectories(Path.GetTempPath(), "kiln-lint-*").Length);
    }
}
