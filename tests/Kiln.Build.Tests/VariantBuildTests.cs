using Kiln.Build.Scheduling;
using Kiln.Build.Steps;
using Kiln.OpenWrt.Configuration;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;
using Kiln.Packing.Ipk;

namespace Kiln.Build.Tests;

/// <summary>
/// A source whose packages set VARIANT is built once per selected variant, as OpenWrt's package/Makefile runs it
/// (Fixtures/packages/utils/flavours: variants plain and fancy, a package without a variant and one of every variant).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class VariantBuildTests : IDisposable
{
    private const string Source = "package/utils/flavours";

    private readonly TestTree _tree = new();

    public VariantBuildTests() => TestTree.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "packages"), _tree.In("package"));

    public void Dispose() => _tree.Dispose();

    private SourcePackage Flavours => TreePackages.Read(_tree.Top, d => new ScanOptions(_tree.Top, d)).Sources.Single(s => s.Directory == Source);

    private string BuildDirectory => _tree.In("build_dir/target-mips-linux-gnu_glibc");

    private IpkContents Ipk(string package) =>
        IpkContents.Read(Directory.GetFiles(_tree.In("bin/packages/mips_24kc/base"), package + "_*.ipk").Single());

    private string Staging => _tree.In("staging_dir/target-mips-linux-gnu_glibc");

    /// <summary>The files (not directories) a staging list names, relative to staging_dir/target-*.</summary>
    private string[] StagedFiles(string list) =>
        File.ReadAllLines(Path.Combine(Staging, "packages", list)).Select(l => l.TrimStart('.', '/'))
            .Where(l => File.Exists(Path.Combine(Staging, l))).ToArray();

    private static string Text(IpkContents ipk, string file) =>
        System.Text.Encoding.ASCII.GetString(ipk.DataEntries.Single(e => e.Name == "./" + file).Bytes!).Trim();

    [Fact]
    public void EachSelectedVariantIsBuiltInItsOwnDirectoryAndPacksItsOwnPackages()
    {
        var variants = Flavours.Packages.Where(p => p.Variant is { Length: > 0 } and not "*").Select(p => p.Variant).ToList();
        Assert.Equal(["plain", "fancy"], variants);

        var observer = Builds.Succeed(_tree, Builds.Mips, ["flavours-plain", "flavours-fancy", "flavours-common", "flavours-tool"]);
        foreach (var variant in variants)
        {
            // PKG_BUILD_DIR as package.mk derives it with BUILD_VARIANT set, with the variant's own stamps and logs.
            var buildDirectory = Path.Combine(BuildDirectory, $"flavours-{variant}", "flavours-1.0");
            Assert.True(File.Exists(Path.Combine(buildDirectory, ".built")), buildDirectory);
            Assert.True(File.Exists(_tree.In($"logs/{Source}/{variant}/compile.txt")));
            Assert.Contains((Source + "/" + variant, "compile"), observer.Ran.Select(r => (r.Node, r.Step)));
            // Staged through the one tmp/stage-flavours, each listed by its own variant's list (STAGING_FILES_LIST).
            Assert.Equal($"#define FLAVOUR \"{variant}\"\n", File.ReadAllText(Path.Combine(Staging, $"usr/include/flavour-{variant}.h")));
            Assert.Equal([$"usr/include/flavour-{variant}.h"], StagedFiles($"flavours.{variant}.list"));
            Assert.True(File.Exists(Path.Combine(Staging, $"stamp/.flavours.{variant}_installed")));

            var ipk = Ipk("flavours-" + variant);
            var program = Path.Combine(_tree.Root, "flavour-" + variant);
            File.WriteAllBytes(program, ipk.DataEntries.Single(e => e.Name == "./usr/bin/flavour").Bytes!);
            File.SetUnixFileMode(program, (UnixFileMode)0b111_101_101);
            Assert.Equal((0, $"flavour: {variant}\n"), Builds.Execute("qemu-mips-static", "-cpu", "24Kf", "-L", "/usr/mips-linux-gnu", program));
        }
        Assert.False(Directory.Exists(Path.Combine(BuildDirectory, "flavours-1.0")), "no build without a variant");
        // No VARIANT: packed by the first variant selected. VARIANT:=*: by each build that installs it (only fancy's Makefile does).
        Assert.Equal(variants[0], Text(Ipk("flavours-common"), "usr/share/flavours/packed-by"));
        Assert.Equal("fancy", Text(Ipk("flavours-tool"), "usr/share/flavours/tool-from"));
        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(BuildDirectory, "flavours-plain"), "flavours-tool", SearchOption.AllDirectories),
            d => d.Contains("ipkg-", StringComparison.Ordinal));

        var again = Builds.Succeed(_tree, Builds.Mips, ["flavours-plain", "flavours-fancy", "flavours-common", "flavours-tool"]);
        Assert.Empty(again.Ran);
    }

    [Fact]
    public void APackageOfOneVariantBuildsOnlyThatVariant()
    {
        var observer = Builds.Succeed(_tree, Builds.Mips, ["flavours-plain"]);
        Assert.Equal([Source + "/plain"], observer.Ran.Select(r => r.Node).Where(n => n.StartsWith(Source, StringComparison.Ordinal)).Distinct());
        Assert.True(Directory.Exists(Path.Combine(BuildDirectory, "flavours-plain")));
        Assert.False(Directory.Exists(Path.Combine(BuildDirectory, "flavours-fancy")));
        Assert.Equal(["./usr/bin/flavour"], Ipk("flavours-plain").DataEntries.Where(e => e.Bytes is not null).Select(e => e.Name));
    }

    private static readonly BuildRun Run = new(null!, new SilentObserver(), "");

    private IReadOnlyList<PackageBuilder> Plan(params string[] names) =>
        new BuildPlanner(TreePackages.Read(_tree.Top, d => new ScanOptions(_tree.Top, d)), DotConfig.Parse(""))
            .Plan(names, Run).Nodes.OfType<PackageBuilder>().Where(n => n.Source.Directory == Source).ToList();

    [Fact]
    public void VariantsWithNothingInCommonAreIndependentNodes()
    {
        var nodes = Plan("flavours-plain", "flavours-fancy", "flavours-common");
        Assert.Equal(["plain", "fancy"], nodes.Select(n => n.Variant!.Build.Variant));
        Assert.Equal(["flavours-plain", "flavours-common"], nodes[0].Selected);
        Assert.Equal(["flavours-fancy"], nodes[1].Selected);
        Assert.All(nodes, n => Assert.DoesNotContain(n.Dependencies, d => nodes.Contains(d)));
        Assert.All(nodes, n => Assert.Equal(["plain", "fancy"], n.Variant!.Build.AllVariants));

        // A package of every variant: each build may pack it, so they run in turn and the last one's stays, as in OpenWrt.
        var withTool = Plan("flavours-plain", "flavours-fancy", "flavours-tool");
        Assert.Contains(withTool[0], withTool[1].Dependencies);
    }

    [Fact]
    public void WithoutAVariantPackageTheDefaultVariantIsBuilt()
    {
        var node = Plan("flavours-common").Single();
        // DEFAULT_VARIANT marks fancy, though plain comes first.
        Assert.Equal("fancy", Flavours.DefaultVariant);
        Assert.Equal("fancy", node.Variant!.Build.Variant);
        Assert.Empty(node.Variant.Build.AllVariants);
        Assert.Equal(["flavours-common"], node.Selected);
    }
}
