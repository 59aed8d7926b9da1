using Kiln.Images.Rootfs;

namespace Kiln.Images.Tests.Rootfs;

/// <summary>opkg's (dpkg's) version comparison and how it prints versions.</summary>
public sealed class OpkgVersionTests
{
    [Theory]
    [InlineData("1.0-r1", "1.0-r2")]
    [InlineData("1.9", "1.10")]
    [InlineData("1.0~rc1", "1.0")]
    [InlineData("1.0", "1.0a")]
    [InlineData("1.0a", "1.0+")]
    [InlineData("2.0", "1:0.1")]
    [InlineData("1.0-r9", "1.0.1-r1")]
    [InlineData("2024.01.01~abc-r1", "2024.01.01-r1")]
    [InlineData("1.2.3-1", "1.2.3-1.1")]
    public void TheFirstIsOlder(string older, string newer)
    {
        Assert.True(OpkgVersion.Parse(older).CompareTo(OpkgVersion.Parse(newer)) < 0, $"{older} < {newer}");
        Assert.True(OpkgVersion.Parse(newer).CompareTo(OpkgVersion.Parse(older)) > 0, $"{newer} > {older}");
    }

    [Theory]
    [InlineData("1.0", "1.00")]
    [InlineData("0:1.0-r1", "1.0-r1")]
    [InlineData("1.01-r1", "1.1-r1")]
    public void TheseAreEqual(string left, string right) => Assert.Equal(0, OpkgVersion.Parse(left).CompareTo(OpkgVersion.Parse(right)));

    [Fact]
    public void TheRevisionIsAfterTheLastDashAndTheEpochIsPrintedOnlyWhenSet()
    {
        var version = OpkgVersion.Parse("2:1.2-rc3-r4");

        Assert.Equal((2u, "1.2-rc3", "r4"), (version.Epoch, version.Upstream, version.Revision));
        Assert.Equal("2:1.2-rc3-r4", version.ToString());
        Assert.Equal("1.0-r1", OpkgVersion.Parse("0:1.0-r1").ToString());
        Assert.Null(OpkgVersion.Parse("5.4").Revision);
    }

    [Fact]
    public void DependencyFieldsParseAsOpkgReadsThemAndPrintAsItsStatusFileDoes()
    {
        var entries = Dependency.ParseList(" libc, libgreet (>= 1.0) | libgreet-tiny,, old (<< 2), new (>> 1), legacy (< 3),x (= 1.0-r1)");

        Assert.Equal(["libc", "libgreet (>= 1.0) | libgreet-tiny", "old (<< 2)", "new (>> 1)", "legacy (<= 3)", "x (= 1.0-r1)"],
            entries.Select(e => e.ToString()));
        Assert.Equal(["libc", "libgreet (>= 1.0) | libgreet-tiny", "old (< 2)", "new (> 1)", "legacy (<= 3)", "x (= 1.0-r1)"],
            entries.Select(e => e.StatusText));
    }

    [Fact]
    public void AnEqualVersionMeetsEveryRelationAsInOpkg()
    {
        var version = OpkgVersion.Parse("2.0");

        Assert.True(Dependency.ParseList("a (<< 2.0)")[0].Alternatives[0].AcceptsVersion(version));
        Assert.True(Dependency.ParseList("a (>> 2.0)")[0].Alternatives[0].AcceptsVersion(version));
        Assert.False(Dependency.ParseList("a (>> 2.0)")[0].Alternatives[0].AcceptsVersion(OpkgVersion.Parse("1.9")));
        Assert.False(Dependency.ParseList("a (<< 2.0)")[0].Alternatives[0].AcceptsVersion(OpkgVersion.Parse("2.1")));
    }
}
