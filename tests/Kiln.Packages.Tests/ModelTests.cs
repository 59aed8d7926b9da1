using Kiln.Packages.Model;
using Kiln.Packages.Scanning;

namespace Kiln.Packages.Tests;

public sealed class ModelTests
{
    [Theory]
    [InlineData("+libfoo", DependencyKind.Selects, "libfoo", null)]
    [InlineData("libfoo", DependencyKind.Requires, "libfoo", null)]
    [InlineData("+HELLO_TLS:libopenssl", DependencyKind.Selects, "libopenssl", "HELLO_TLS")]
    [InlineData("+!BUSYBOX_CONFIG_FOO:libbar", DependencyKind.Selects, "libbar", "!BUSYBOX_CONFIG_FOO")]
    [InlineData("+(TARGET_x86||TARGET_armsr):kmod-x", DependencyKind.Selects, "kmod-x", "(TARGET_x86||TARGET_armsr)")]
    [InlineData("@!SMALL_FLASH", DependencyKind.Condition, "!SMALL_FLASH", null)]
    [InlineData("@TARGET_ath79", DependencyKind.Condition, "TARGET_ath79", null)]
    [InlineData("+@NEED_X", DependencyKind.SelectsSymbol, "NEED_X", null)]
    public void DependenciesAreParsed(string text, DependencyKind kind, string target, string? condition)
    {
        var d = Dependency.Parse(text);
        Assert.Equal((kind, target, condition), (d.Kind, d.Target, d.Condition));
    }

    [Fact]
    public void PackageInfoIsReadIntoTheModel()
    {
        var result = new MetadataScanner(new ScanOptions(Fixtures.Tree, "package")).Run();
        var sources = PackageInfoParser.Parse(result);
        var libfoo = sources.Single(s => s.Makefile == "package/libs/libfoo/Makefile");
        Assert.Equal(["hosttool/host", "libtool"], libfoo.BuildDepends);
        var package = Assert.Single(libfoo.Packages);
        Assert.Equal("libfoo", package.Name);
        Assert.Equal("2", package.Field("ABI-Version"));
        Assert.Contains("config LIBFOO_EXTRA", package.Config);

        var multi = sources.Single(s => s.Makefile == "package/utils/multi/Makefile");
        Assert.Equal(["multi-full", "multi-mini", "multi-data"], multi.Packages.Select(p => p.Name));
        Assert.Equal("0.9-r0", multi.Packages[0].Version);

        var gitpkg = sources.Single(s => s.Makefile == "package/utils/gitpkg/Makefile").Packages[0];
        Assert.Equal("2024.05.17~0123456789abcdef0123456789abcdef01234567-r1", gitpkg.Version);
    }
}
