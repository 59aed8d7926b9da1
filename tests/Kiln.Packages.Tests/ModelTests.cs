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

    [Theory]
    [InlineData("A", "A")]
    [InlineData("!A", "!A")]
    [InlineData("A||B&&!C", "A||B&&!C")]
    [InlineData("(A||B)&&C", "(A||B)&&C")]
    [InlineData("!(A&&B)", "!(A&&B)")]
    public void ConditionsParseIntoExpressions(string text, string rendered) =>
        Assert.Equal(rendered, ConditionExpression.TryParse(text)!.ToString());

    [Fact]
    public void ConditionOperatorsBindAsInKconfig()
    {
        var expression = ConditionExpression.TryParse("A||B&&!C");
        var any = Assert.IsType<AnyOf>(expression);
        Assert.Equal(new Symbol("A"), any.Left);
        var all = Assert.IsType<AllOf>(any.Right);
        Assert.Equal(new Not(new Symbol("C")), all.Right);
        Assert.Equal(["A", "B", "C"], expression!.Symbols);
    }

    [Theory]
    [InlineData("(A||B")]
    [InlineData("A&&")]
    [InlineData("")]
    public void BrokenConditionsAreNotExpressions(string text) => Assert.Null(ConditionExpression.TryParse(text));

    [Theory]
    [InlineData("libfoo", "2", "libfoo2")]
    [InlineData("libfoo2", "1", "libfoo2-1")]
    [InlineData("kmod-foo", "1", "kmod-foo")]
    [InlineData("libfoo", "", "libfoo")]
    public void AbiVersionSuffixesTheInstalledName(string name, string abi, string installed) =>
        Assert.Equal(installed, BinaryPackage.InstalledNameOf(name, abi));

    private static readonly Lazy<IReadOnlyList<SourcePackage>> Base = new(() =>
    {
        var options = new ScanOptions(Fixtures.Tree, "package");
        return PackageModel.Build(options, new MetadataScanner(options).Run());
    });

    private static SourcePackage Source(string directory) => Base.Value.Single(s => s.Directory == directory);

    [Fact]
    public void MetadataTextIsReadIntoTheModel()
    {
        var libfoo = Source("package/libs/libfoo");
        Assert.Equal(("package/libs/libfoo/Makefile", "base"), (libfoo.Makefile, libfoo.Feed));
        Assert.Equal(["hosttool/host", "libtool"], libfoo.BuildDepends);
        var package = Assert.Single(libfoo.Packages);
        Assert.Equal("libfoo", package.Name);
        Assert.Equal("2", package.AbiVersion);
        Assert.Contains("config LIBFOO_EXTRA", package.Config);

        var multi = Source("package/utils/multi");
        Assert.Equal(["multi-full", "multi-mini", "multi-data"], multi.Packages.Select(p => p.Name));
        Assert.Equal("0.9-r0", multi.Packages[0].Version);
        // Build-Variant and Default-Variant, as OpenWrt's scan prints them (expected-package.packageinfo).
        Assert.Equal(["full", "mini", ""], multi.Packages.Select(p => p.Variant));
        Assert.Equal([true, false, false], multi.Packages.Select(p => p.DefaultVariant));
        Assert.Equal("full", multi.DefaultVariant);

        Assert.Equal("2024.05.17~0123456789abcdef0123456789abcdef01234567-r1", Source("package/utils/gitpkg").Packages[0].Version);
    }

    [Fact]
    public void SourceVariablesAreThoseTheMakefileLeft()
    {
        var hello = Source("package/apps/hello");
        Assert.Equal("hello", hello.Name);
        Assert.Equal("1.2.3", hello.Variable("PKG_VERSION"));
        Assert.Equal("hello-1.2.3.tar.gz", hello.Variable("PKG_SOURCE"));
        Assert.Equal("cpe:/a:example:hello", hello.Variable("PKG_CPE_ID"));
        Assert.EndsWith("/build_dir/target-_/hello-1.2.3", hello.Variable("PKG_BUILD_DIR"));
        Assert.Null(hello.Variable("PKG_SOURCE_PROTO"));
        Assert.Equal("libtool", Source("package/libs/libfoo").Variable("PKG_FIXUP"));
    }

    [Fact]
    public void HostBuildsAreRecognised()
    {
        Assert.True(Source("package/devel/hosttool").HostBuild);
        Assert.False(Source("package/apps/hello").HostBuild);
    }

    [Fact]
    public void PackageVariablesAndHooksAreRecorded()
    {
        var hello = Source("package/apps/hello").Packages.Single();
        Assert.Equal("Prints a greeting", hello.Variable("TITLE"));
        Assert.Equal("hello=400:hello=400", hello.Variable("USERID"));
        Assert.Equal("", hello.Variable("PKGARCH"));
        Assert.Equal(["install", "conffiles"], hello.Hooks);
    }

    [Fact]
    public void FilesPatchesAndSourcesAreFound()
    {
        var hello = Source("package/apps/hello").Files;
        Assert.Equal("package/apps/hello/files", hello.FilesDirectory);
        Assert.Equal(["package/apps/hello/patches/001-first.patch", "package/apps/hello/patches/010-second.patch"], hello.Patches);
        Assert.Equal("package/apps/hello/src", hello.SourceDirectory);

        var multi = Source("package/utils/multi").Files;
        Assert.Equal(["package/utils/multi/patches/100-applied-first.patch", "package/utils/multi/patches/050-applied-second.patch"], multi.Patches);
        Assert.Null(multi.FilesDirectory);
    }

    [Fact]
    public void DependenciesResolveToInstalledNames()
    {
        var index = new PackageIndex(Base.Value);
        var hello = index.Find("hello")!;
        Assert.Equal(["libc", "libfoo2", "libopenssl"], index.InstalledDependencies(hello));
        Assert.Equal(["libfoo"], index.Satisfying("libfoo-any").Select(p => p.Name));
        var condition = hello.ParsedDepends.Single(d => d.Kind == DependencyKind.Condition);
        Assert.Equal(new Not(new Symbol("SMALL_FLASH")), condition.Expression);
    }

    private static readonly Lazy<IReadOnlyList<SourcePackage>> Feed = new(() =>
    {
        var options = new ScanOptions(Fixtures.Tree, "feeds/extra");
        return PackageModel.Build(options, new MetadataScanner(options).Run());
    });

    [Fact]
    public void FeedHelpersShapeTheirPackages()
    {
        var goTool = Feed.Value.Single(s => s.Name == "go-tool");
        Assert.Equal("extra", goTool.Feed);
        Assert.Equal(["minigo/host"], goTool.BuildDepends);
        var arch = goTool.Packages[0].ParsedDepends.Single(d => d.Kind == DependencyKind.Condition);
        Assert.Equal(["aarch64", "arm", "i386", "i686", "mips", "mipsel", "SOFT_FLOAT", "x86_64"], arch.Expression!.Symbols);
        Assert.Equal(["install"], goTool.Packages[0].Hooks);

        var rust = Feed.Value.Single(s => s.Name == "rust-tool");
        Assert.True(rust.HostBuild);
        Assert.Equal(["full", "tiny"], rust.Packages.Select(p => p.Variable("VARIANT")));
        Assert.Equal(["minirust/host"], rust.HostBuildDepends);

        var perl = Feed.Value.Single(s => s.Name == "perl-demo");
        Assert.Equal("Perl", perl.Packages[0].Variable("SUBMENU"));
        Assert.EndsWith("/perl/Demo-2.05", perl.Variable("PKG_BUILD_DIR"));
    }
}
