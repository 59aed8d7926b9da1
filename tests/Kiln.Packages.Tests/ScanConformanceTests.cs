using Kiln.OpenWrt.Scanning;
using Kiln.Packages.Scanning;

namespace Kiln.Packages.Tests;

/// <summary>
/// The fixture packages reproduce constructs of real feeds; their expected dumps were produced
/// by OpenWrt 24.10's own scan (make -s -r DUMP=1 with OpenWrt's include files).
/// </summary>
public sealed class ScanConformanceTests
{
    [Theory]
    [InlineData("package", "expected-package.packageinfo")]
    [InlineData("feeds/extra", "expected-feed.packageinfo")]
    public void DumpMatchesOpenWrtScan(string directory, string expectedFile)
    {
        var result = new MetadataScanner(new ScanOptions(Fixtures.Tree, directory)).Run();
        Assert.Empty(result.Failures);
        var actual = string.Concat(result.Makefiles.Select(m => m.Block));
        Assert.Equal(Fixtures.Text(expectedFile), actual);
    }

    [Fact]
    public void TheTreesOwnApiFilesAreNeverRead()
    {
        // The fixture tree's rules.mk and include/package.mk stop with an error if evaluated.
        var result = new MetadataScanner(new ScanOptions(Fixtures.Tree, "package")).Run();
        Assert.All(result.Makefiles, m => Assert.Null(m.Error));
    }

    [Fact]
    public void OnlyMakefilesThatDefinePackagesAreScanned()
    {
        var found = MakefileFinder.Find(Path.Combine(Fixtures.Tree, "package"), 5, MakefileFinder.PackageCalls);
        Assert.Equal(["apps/hello", "devel/hosttool", "kernel/kmod-demo", "libs/libfoo", "utils/described", "utils/gitpkg", "utils/multi"],
            found.Select(f => f.Directory));
        Assert.All(found, f => Assert.False(f.ThroughLink));
    }

    [Fact]
    public void OutputIsTheSameEveryRun()
    {
        string Run() => string.Concat(new MetadataScanner(new ScanOptions(Fixtures.Tree, "package") { Parallelism = 4 })
            .Run().Makefiles.Select(m => m.Block));
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void LinkedDirectoriesAreFollowedAndReadFromWhereTheyLead_OneDirectoryPerName()
    {
        var tree = Directory.CreateTempSubdirectory("kiln-links-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(tree, "package/real/foo"));
            File.WriteAllText(Path.Combine(tree, "package/real/foo/Makefile"), """
                include $(TOPDIR)/rules.mk
                PKG_NAME:=foo
                PKG_VERSION:=1
                include $(INCLUDE_DIR)/package.mk
                define Package/foo
                  SECTION:=utils
                  CATEGORY:=Utilities
                  TITLE:=in $(notdir $(patsubst %/,%,$(dir $(CURDIR))))
                endef
                $(eval $(call BuildPackage,foo))

                """);
            Directory.CreateSymbolicLink(Path.Combine(tree, "package/linked"), Path.Combine(tree, "package/real"));
            var result = new MetadataScanner(new ScanOptions(tree, "package")).Run();
            // Both paths lead to a directory named foo: as OpenWrt's scan.awk, the one the walk finds last is kept.
            var scanned = Assert.Single(result.Makefiles);
            Assert.Contains(scanned.SourceMakefile, new[] { "package/linked/foo/Makefile", "package/real/foo/Makefile" });
            Assert.Contains("Title: in real\n", scanned.Output);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }
}
