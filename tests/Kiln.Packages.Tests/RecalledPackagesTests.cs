using Kiln.Packages.Model;
using Kiln.Packages.Scanning;

namespace Kiln.Packages.Tests;

/// <summary>
/// A build of named packages starts from the recalled metadata and its names file: lookups give what a full read gives,
/// a change is picked up when the package is confirmed, and a names file that does not match its cache is not used.
/// </summary>
public sealed class RecalledPackagesTests : IDisposable
{
    private readonly string _tree = Directory.CreateTempSubdirectory("kiln-recall-").FullName;

    public RecalledPackagesTests()
    {
        Write("package/libs/demo/Makefile", Makefile("demo", "demo demo-extra", provides: "virtual-demo"));
        Write("package/utils/other/Makefile", Makefile("other", "other", provides: ""));
        Write("package/utils/broken/Makefile", "include $(TOPDIR)/rules.mk\n$(error broken on purpose)\n$(eval $(call BuildPackage,broken))\n");
    }

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    private static string Makefile(string source, string packages, string provides)
    {
        var text = $"include $(TOPDIR)/rules.mk\nPKG_NAME:={source}\nPKG_VERSION:=1.0\nPKG_RELEASE:=1\ninclude $(INCLUDE_DIR)/package.mk\n";
        foreach (var package in packages.Split(' '))
            text += $"define Package/{package}\n  SECTION:=utils\n  CATEGORY:=Utilities\n  TITLE:={package}\n  PROVIDES:={provides}\nendef\n";
        foreach (var package in packages.Split(' ')) text += $"$(eval $(call BuildPackage,{package}))\n";
        return text;
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_tree, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private string CacheDirectory => Path.Combine(_tree, "tmp", "kiln");

    private string NamesFile => Path.Combine(CacheDirectory, "scan-package.names");

    private ScanOptions OptionsFor(string directory) =>
        new(_tree, directory) { CacheDirectory = CacheDirectory, Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" } };

    private TreePackages Read() => TreePackages.Read(_tree, OptionsFor);

    private TreePackages Recall() => TreePackages.Recall(_tree, OptionsFor) ?? throw new InvalidOperationException("nothing recalled");

    /// <summary>What the lookups of a build find, as text.</summary>
    private static string Lookups(TreePackages tree)
    {
        var index = tree.Index;
        string Source(SourcePackage? source) => source is null ? "-" : $"{source.Directory}({string.Join(",", source.Packages.Select(p => p.Name))})";
        return string.Join("\n",
            "find demo-extra: " + index.Find("demo-extra")?.Name,
            "satisfying virtual-demo: " + string.Join(",", index.Satisfying("virtual-demo").Select(p => p.Name)),
            "satisfying nothing: " + index.Satisfying("nothing").Count,
            "source of demo-extra: " + Source(index.SourceOf("demo-extra")),
            "source named other: " + Source(index.SourceNamed("other")),
            "source named demo: " + Source(index.SourceNamed("demo")),
            "unreadable: " + string.Join(",", tree.Unreadable.Select(m => m.SourceMakefile)),
            "sources: " + string.Join(" ", tree.Sources.Select(s => Source(s))));
    }

    [Fact]
    public void RecalledPackagesAnswerLookupsAsAFullReadDoesAndKeepTheirNames()
    {
        var expected = Lookups(Read());
        Assert.Contains("satisfying virtual-demo: demo,demo-extra", expected);
        Assert.Contains("unreadable: package/utils/broken/Makefile", expected);
        Assert.False(File.Exists(NamesFile));
        // The first recall reads every result and keeps the names; the second looks names up in what was kept.
        Assert.Equal(expected, Lookups(Recall()));
        Assert.True(File.Exists(NamesFile));
        var kept = File.ReadAllBytes(NamesFile);
        Assert.Equal(expected, Lookups(Recall()));
        Assert.Equal(kept, File.ReadAllBytes(NamesFile));
    }

    [Fact]
    public void AChangedPackageIsReadAgainWhenConfirmedAndItsNamesAreKeptAnew()
    {
        Read();
        Recall();
        Write("package/libs/demo/Makefile", Makefile("demo", "demo demo-renamed", provides: "virtual-demo"));
        var recalled = Recall();
        // On trust, until the build confirms the packages it uses.
        Assert.NotNull(recalled.Index.Find("demo-extra"));
        var confirmed = recalled.Confirm([recalled.Index.SourceNamed("demo")!]);
        Assert.NotSame(recalled, confirmed);
        Assert.Null(confirmed.Index.Find("demo-extra"));
        Assert.Equal("demo-renamed", confirmed.Index.Find("demo-renamed")?.Name);
        Assert.Equal(Lookups(Read()).Replace("demo-extra", "demo-renamed"), Lookups(Recall()).Replace("demo-extra", "demo-renamed"));
        Assert.Equal("demo,demo-renamed", string.Join(",", Recall().Index.Satisfying("virtual-demo").Select(p => p.Name)));
    }

    [Fact]
    public void ANamesFileThatDoesNotMatchItsCacheIsNotUsed()
    {
        Read();
        var expected = Lookups(Recall());
        // Damaged: its own digest no longer holds.
        var kept = File.ReadAllBytes(NamesFile);
        kept[kept.Length / 2] ^= 0x20;
        File.WriteAllBytes(NamesFile, kept);
        Assert.Equal(expected, Lookups(Recall()));
        // Whole, but written for another state of the cache: the one before demo's second package was renamed.
        var before = File.ReadAllBytes(NamesFile);
        Write("package/libs/demo/Makefile", Makefile("demo", "demo demo-renamed", provides: "virtual-demo"));
        var renamed = Lookups(Read());
        File.WriteAllBytes(NamesFile, before);
        Assert.Equal(renamed, Lookups(Recall()));
    }
}
