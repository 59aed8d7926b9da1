using System.Text.Json;

namespace Kiln.Cli.Tests;

/// <summary>
/// <c>kiln lint</c> as a maintainer runs it on the example tree: findings as compilers print them,
/// exit status 1 only for errors, SARIF for code scanning, the rule list; and the command lines it
/// refuses, each one message before any work.
/// </summary>
public sealed class LintCommandTests
{
    private const string Unverified = """
        include $(TOPDIR)/rules.mk

        PKG_NAME:=unverified
        PKG_VERSION:=1.0
        PKG_RELEASE:=1
        PKG_SOURCE:=unverified-1.0.tar.gz
        PKG_SOURCE_URL:=https://example.org/releases
        PKG_LICENSE:=MIT
        PKG_MAINTAINER:=Jane Doe <jane@example.org>

        include $(INCLUDE_DIR)/package.mk

        define Package/unverified
          SECTION:=utils
          CATEGORY:=Utilities
          TITLE:=Downloaded without a hash
        endef

        define Package/unverified/description
          Nothing checks what is downloaded.
        endef

        $(eval $(call BuildPackage,unverified))

        """;

    [Fact]
    public void WarningsAloneExitZeroAndEndWithTheSummary()
    {
        using var scratch = new Scratch(withTree: true);
        var run = KilnProcess.Run(scratch.Root, ["--topdir", scratch.Top, "lint", "package/utils/greeter"]);
        Assert.True(run.Status == 0, run.ToString());
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Contains(lines, l => l.StartsWith("package/utils/greeter/Makefile:", StringComparison.Ordinal) && l.Contains(": warning: [metadata/maintainer] "));
        Assert.Equal("1 package: 0 errors, 1 warning, 2 notes", lines[^1]);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void AnErrorExitsOneNamingTheFileAndLine()
    {
        using var scratch = new Scratch(withTree: true);
        scratch.Write("tree/package/utils/unverified/Makefile", Unverified);
        var run = KilnProcess.Run(scratch.Root, ["--topdir", scratch.Top, "lint", "package/utils/unverified"]);
        Assert.True(run.Status == 1, run.ToString());
        Assert.StartsWith("package/utils/unverified/Makefile:3: error: [sources/hash] unverified-1.0.tar.gz is downloaded without PKG_HASH", run.Stdout);
        Assert.EndsWith("1 package: 1 error, 0 warnings, 0 notes\n", run.Stdout);
    }

    [Fact]
    public void SarifIsWrittenForCodeScanning()
    {
        using var scratch = new Scratch(withTree: true);
        scratch.Write("tree/package/utils/unverified/Makefile", Unverified);
        var run = KilnProcess.Run(scratch.Root, ["--topdir", scratch.Top, "lint", "--sarif"]);
        Assert.True(run.Status == 1, run.ToString());
        using var sarif = JsonDocument.Parse(run.Stdout);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var hash = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "sources/hash");
        Assert.Equal("error", hash.GetProperty("level").GetString());
        Assert.Equal("package/utils/unverified/Makefile",
            hash.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public void TheRulesAreListedWithTheirGuidelines()
    {
        var run = KilnProcess.Run(Path.GetTempPath(), ["lint", "--rules"]);
        Assert.True(run.Status == 0, run.ToString());
        foreach (var id in new[] { "layout/patch-name", "sources/hash", "libraries/abi-version", "size/development-files" })
            Assert.Contains(id, run.Stdout);
        Assert.Contains("OpenWrt packages guide: downloads and mirrors", run.Stdout);
    }

    private static readonly BadInput[] Refusals =
    [
        new("lint of a directory the tree does not have", BadInput.InTree("lint", "package/nosuch")) { Mentions = _ => "package/nosuch" },
        new("lint of a file", BadInput.InTree("lint", "package/utils/greeter/Makefile")) { Mentions = _ => "package/utils/greeter/Makefile" },
        new("lint --json --sarif", BadInput.InTree("lint", "--json", "--sarif")) { Mentions = _ => "--sarif" },
        new("lint with an option it does not have", BadInput.InTree("lint", "--bogus")) { Mentions = _ => "--bogus: no such option" },
        new("lint of a directory without packages", BadInput.InTree("lint", "target")) { Mentions = _ => "no package", MayWrite = Writes.Scan },
    ];

    public static TheoryData<string> RefusalCases => BadInput.Names(Refusals);

    [Theory, MemberData(nameof(RefusalCases))]
    public void ABadLintCommandLineIsOneMessage(string name) => BadInput.Check(Refusals, name);
}
