using Kiln.Lint.Rules;

namespace Kiln.Lint.Tests;

/// <summary>
/// Each rule on the package made to break it, and only it: its id, its file and the line the
/// finding points at (found in the fixture by the text that line holds, so the fixture can change).
/// </summary>
public sealed class RuleFixtureTests(FixtureTree tree) : IClassFixture<FixtureTree>
{
    /// <summary>Package directory, rule, the file the finding names (relative to the package) and the text of its line (null: the whole file).</summary>
    public static TheoryData<string, string, string, string?> Cases => new()
    {
        { "package/utils/broken", "makefile/unreadable", "Makefile", "define Package/broken" },
        { "package/utils/stray", "layout/unexpected-file", "NOTES.txt", null },
        { "package/utils/patchesfile", "layout/unexpected-file", "patches", null },
        { "package/utils/badname", "layout/patch-name", "patches/fix_build.patch", null },
        { "package/utils/notadiff", "layout/patch-format", "patches/001-notes.patch", null },
        { "package/utils/norelease", "versions/release", "Makefile", "PKG_NAME:=" },
        { "package/utils/zerorelease", "versions/release", "Makefile", "PKG_RELEASE:=0" },
        { "package/utils/baddate", "versions/source-date", "Makefile", "PKG_SOURCE_DATE:=" },
        { "package/utils/shortrev", "versions/source-version", "Makefile", "PKG_SOURCE_VERSION:=" },
        { "package/utils/contradicts", "versions/contradiction", "Makefile", "PKG_VERSION:=" },
        { "package/utils/tagclone", "sources/scm-clone", "Makefile", "PKG_SOURCE_URL:=" },
        { "package/utils/gitprotocol", "sources/insecure-git", "Makefile", "PKG_SOURCE_URL:=" },
        { "package/utils/nohash", "sources/hash", "Makefile", "PKG_NAME:=" },
        { "package/utils/mirrorskip", "sources/mirror-hash", "Makefile", "PKG_MIRROR_HASH:=" },
        { "package/utils/manyurls", "sources/too-many-urls", "Makefile", "PKG_SOURCE_URL:=" },
        { "package/utils/plainhttp", "sources/plain-http", "Makefile", "PKG_SOURCE_URL:=" },
        { "package/utils/compileflags", "recipes/variable-would-do", "Makefile", "define Build/Compile" },
        { "package/utils/compilesubdir", "recipes/variable-would-do", "Makefile", "define Build/Compile" },
        { "package/utils/ownprepare", "recipes/default-not-called", "Makefile", "define Build/Prepare" },
        { "package/utils/patchedconfigure", "autotools/patched-generated", "patches/010-configure.patch", "+++ b/configure" },
        { "package/utils/unknowndep", "dependencies/unknown", "Makefile", "DEPENDS:=+libnowhere" },
        { "package/utils/unknownbuilddep", "dependencies/unknown", "Makefile", "PKG_BUILD_DEPENDS:=" },
        { "feeds/extra/utils/crossfeed", "dependencies/other-feed", "Makefile", "DEPENDS:=+libother" },
        { "package/utils/notitle", "metadata/title", "Makefile", "$(eval $(call BuildPackage,notitle))" },
        { "package/utils/nolicense", "metadata/license", "Makefile", "PKG_NAME:=" },
        { "package/utils/badlicense", "metadata/license-spdx", "Makefile", "PKG_LICENSE:=" },
        { "package/utils/nomaintainer", "metadata/maintainer", "Makefile", "PKG_NAME:=" },
        { "package/utils/nodescription", "metadata/description", "Makefile", "define Package/nodescription" },
        { "feeds/extra/utils/copied", "metadata/openwrt-copyright", "Makefile", "Copyright (C) 2019 OpenWrt.org" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void TheFixtureOfARuleTriggersItAloneWhereItIsBroken(string package, string rule, string file, string? lineText)
    {
        var finding = Assert.Single(tree.In(package));
        Assert.Equal(rule, finding.Rule.Id);
        Assert.Equal($"{package}/{file}", finding.Location.File);
        Assert.Equal(lineText is null ? 0 : FixtureTree.LineOf($"{package}/{file}", lineText), finding.Location.Line);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
    }

    [Theory]
    [InlineData("package/utils/good")]
    [InlineData("package/utils/gitgood")]
    [InlineData("package/utils/virtualuser")]
    [InlineData("package/libs/libbase")]
    [InlineData("feeds/other/libs/libother")]
    public void ACleanPackageTriggersNothing(string package) => Assert.Empty(tree.In(package));

    [Fact]
    public void EveryRuleOfTheMakefileAndItsPatchesHasAFixture()
    {
        var covered = Cases.Select(c => (string)c[1]).ToHashSet();
        Assert.Empty(LintRules.All.Where(r => !r.NeedsBuild && !covered.Contains(r.Id)).Select(r => r.Id));
    }

    [Fact]
    public void ACommentOnTheLineBeforeSilencesTheFinding()
    {
        Assert.Empty(tree.In("package/utils/silenced"));
        Assert.Equal(1, tree.Result.Suppressed);
    }

    [Fact]
    public void ErrorsFailTheLintAndWarningsDoNot()
    {
        Assert.True(tree.Result.Failed);
        var warningsOnly = FixtureTree.Lint(["package/utils/stray", "package/utils/norelease"]);
        Assert.Equal(2, warningsOnly.Packages);
        Assert.All(warningsOnly.Findings, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.False(warningsOnly.Failed);
    }

    [Fact]
    public void FindingsAreSortedByFileLineAndRule()
    {
        var keys = tree.Result.Findings.Select(f => (f.Location.File, f.Location.Line, f.Rule.Id)).ToList();
        var sorted = keys.OrderBy(k => k.File, StringComparer.Ordinal).ThenBy(k => k.Line).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(sorted, keys);
    }

    [Fact]
    public void APathSelectsThePackagesBelowIt()
    {
        var feed = FixtureTree.Lint(["feeds/extra"]);
        Assert.Equal(2, feed.Packages);
        Assert.All(feed.Findings, f => Assert.StartsWith("feeds/extra/", f.Location.File));
    }
}
