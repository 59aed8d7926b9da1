using Kiln.Build.Scheduling;
using Kiln.Build.Steps;
using Kiln.Build.Tests.Scheduling;
using Kiln.Core.Errors;
using Kiln.OpenWrt.Configuration;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;

namespace Kiln.Build.Tests;

/// <summary>Which packages a build takes in, and in what order, from names or from the .config.</summary>
public sealed class PlannerTests : IDisposable
{
    private readonly TestTree _tree = new();
    private readonly TreePackages _sources;

    public PlannerTests() => _sources = TreePackages.Read(_tree.Top, d => new ScanOptions(_tree.Top, d));

    public void Dispose() => _tree.Dispose();

    /// <summary>Plans are made, not run: the nodes need no context.</summary>
    private static readonly BuildRun Run = new(null!, new SilentObserver(), "");

    private BuildPlan Plan(string config, params string[] names) =>
        new BuildPlanner(_sources, DotConfig.Parse(config)).Plan(names.Length == 0 ? null : names, Run);

    private static Dictionary<string, string[]> Edges(BuildPlan plan) =>
        plan.Nodes.ToDictionary(n => n.Name, n => n.Dependencies.Select(d => d.Name).Order(StringComparer.Ordinal).ToArray());

    [Fact]
    public void WithoutNamesThePackagesTheConfigSelectsAreBuilt()
    {
        var plan = Plan("CONFIG_PACKAGE_greeter-lite=y\n# CONFIG_PACKAGE_greeter is not set\n");
        Assert.Equal(["package/utils/greeter"], plan.Requested.Select(n => n.Name));
        var greeter = (PackageBuilder)plan.Nodes.Single(n => n.Name == "package/utils/greeter");
        Assert.Equal(["greeter-lite"], greeter.Selected);
        // greeter-lite selects libgreet (+libgreet), and every package needs the C library.
        Assert.Equal(["package/libs/libgreet", "toolchain"], Edges(plan)["package/utils/greeter"]);
        Assert.Equal(["libgreet"], ((PackageBuilder)plan.Nodes.Single(n => n.Name == "package/libs/libgreet")).Selected);
    }

    [Fact]
    public void ANamedSourcePackageBuildsAllItsPackages()
    {
        var plan = Plan("", "libgreet");
        Assert.Equal(["libgreet"], ((PackageBuilder)plan.Requested.Single()).Selected);
        var bySource = Plan("", "greeter");
        Assert.Equal(["greeter"], ((PackageBuilder)bySource.Requested.Single()).Selected);
    }

    [Fact]
    public void AHostBuildIsAskedForWithSlashHost()
    {
        var plan = Plan("", "libgreet/host");
        var host = (PackageBuilder)plan.Requested.Single();
        Assert.True(host.Host);
        Assert.Equal("package/libs/libgreet/host", host.Name);
    }

    [Fact]
    public void NothingSelectedAndNothingNamedIsAnError()
    {
        var error = Assert.Throws<UserError>(() => Plan("# CONFIG_PACKAGE_greeter is not set\n"));
        Assert.StartsWith("nothing to build", error.Message);
    }

    [Fact]
    public void ADependencyThatDoesNotExistIsLeftOutWithOpenWrtsWarning()
    {
        var greeter = _tree.In("package/utils/greeter/Makefile");
        File.WriteAllText(greeter, File.ReadAllText(greeter).Replace("DEPENDS:=+libgreet @!SMALL_FLASH", "DEPENDS:=+libgreet +no-such-lib @!SMALL_FLASH")
            .Replace("PKG_CONFIG_DEPENDS:=", "PKG_BUILD_DEPENDS:=no-such-tool/host\nPKG_CONFIG_DEPENDS:="));
        var sources = TreePackages.Read(_tree.Top, d => new ScanOptions(_tree.Top, d));
        var planner = new BuildPlanner(sources, DotConfig.Parse(""));
        var plan = planner.Plan(["greeter"], Run);
        Assert.Equal(["package/libs/libgreet", "toolchain"], Edges(plan)["package/utils/greeter"]);
        Assert.Equal([
            "WARNING: Makefile 'package/utils/greeter/Makefile' has a build dependency on 'no-such-tool', which does not exist",
            "WARNING: Makefile 'package/utils/greeter/Makefile' has a dependency on 'no-such-lib', which does not exist",
        ], planner.Warnings);
        // What is asked for by name must exist.
        Assert.Contains("'no-such-lib' (asked for) is not in the tree", Assert.Throws<UserError>(() => planner.Plan(["no-such-lib"], Run)).Message);
    }

    [Fact]
    public void ADependencyLoopIsNamed()
    {
        var libgreet = _tree.In("package/libs/libgreet/Makefile");
        File.WriteAllText(libgreet, File.ReadAllText(libgreet).Replace("PKG_INSTALL:=1", "PKG_INSTALL:=1\nPKG_BUILD_DEPENDS:=greeter"));
        var sources = TreePackages.Read(_tree.Top, d => new ScanOptions(_tree.Top, d));
        var plan = new BuildPlanner(sources, DotConfig.Parse("")).Plan(["greeter"], Run);
        var observer = new RecordingObserver();
        var error = Assert.Throws<UserError>(() => new BuildScheduler(new CountingSlots(2), observer).Run(plan.Nodes, CancellationToken.None));
        Assert.Contains("dependency loop: ", error.Message);
        Assert.Contains("package/utils/greeter -> package/libs/libgreet -> package/utils/greeter", error.Message);
        Assert.Null(observer.PlannedNodes);
    }

    [Fact]
    public void StepStopsOnlyRequestedNodesThatNothingElseNeeds()
    {
        var plan = new BuildPlanner(_sources, DotConfig.Parse("")).Plan(["greeter", "libgreet"], Run, StepKind.Configure);
        var lastSteps = plan.Nodes.Cast<PackageNode>().ToDictionary(n => n.Name, n => n.LastStep);
        Assert.Equal(StepKind.Configure, lastSteps["package/utils/greeter"]);
        // greeter needs libgreet installed into staging, so libgreet goes all the way although it was named too.
        Assert.Equal(StepKind.InstallDev, lastSteps["package/libs/libgreet"]);
        Assert.Equal(StepKind.InstallDev, lastSteps["toolchain"]);
    }
}
