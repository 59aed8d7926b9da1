using Kiln.Packing.Ipk;

namespace Kiln.Build.Tests;

/// <summary>
/// Host builds other builds need (Fixtures/packages): stamped's target compile runs stamper (PKG_BUILD_DEPENDS:=stamper/host),
/// whose host build includes a header stampfont's host build stages (HOST_BUILD_DEPENDS:=stampfont/host).
/// </summary>
public sealed class HostBuildDependencyTests : IDisposable
{
    private const string Stampfont = "package/devel/stampfont/host";
    private const string Stamper = "package/devel/stamper/host";
    private const string Stamped = "package/utils/stamped";

    private readonly TestTree _tree = new();

    public HostBuildDependencyTests() => TestTree.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "packages"), _tree.In("package"));

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void ATargetBuildRunsTheHostToolOfItsBuildDependencyFromStagingDirHostpkgAfterTheHostBuildsItNeeds()
    {
        var observer = Builds.Succeed(_tree, Builds.Mips, ["stamped"]);
        int At(string node, string step) => observer.Ran.FindIndex(r => r.Node == node && r.Step == step);
        var order = string.Join("\n", observer.Ran);
        Assert.True(At(Stampfont, "host-install") >= 0 && At(Stampfont, "host-install") < At(Stamper, "host-prepare"), order);
        Assert.True(At(Stamper, "host-install") < At(Stamped, "compile"), order);

        // The stamp stamper wrote at compile time: stampfont's border (its header, from staging_dir/hostpkg/include), and the
        // program that ran, which the build found in PATH.
        var header = File.ReadAllText(_tree.In("package/devel/stampfont/files/stampfont.h"));
        var border = header.Split('"')[1];
        var ipk = IpkContents.Read(Directory.GetFiles(_tree.In("bin/packages/mips_24kc/base"), "stamped_*.ipk").Single());
        var stamp = System.Text.Encoding.ASCII.GetString(ipk.DataEntries.Single(e => e.Name == "./usr/share/stamped/stamp.txt").Bytes!);
        Assert.Equal($"{border} stamped 1.0 {border}\nstamped by {_tree.In("staging_dir/hostpkg/bin/stamper")}\n", stamp);
        Assert.True(File.Exists(_tree.In("staging_dir/hostpkg/include/stampfont.h")));
        Assert.False(File.Exists(_tree.In("staging_dir/host/bin/stamper")), "a package's host build installs into staging_dir/hostpkg");

        // stamper's host build asked for alone brings stampfont's in first (HOST_BUILD_DEPENDS), rebuilt for its changed header.
        File.AppendAllText(_tree.In("package/devel/stampfont/files/stampfont.h"), "/* changed */\n");
        var again = Builds.Succeed(_tree, Builds.Mips, ["stamper/host"]);
        Assert.Contains((Stampfont, "host-prepare"), again.Ran.Select(r => (r.Node, r.Step)));
        Assert.DoesNotContain(again.Ran, r => r.Node == Stamped);
    }
}
