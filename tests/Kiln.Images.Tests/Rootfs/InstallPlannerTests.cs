using Kiln.Core.Errors;
using Kiln.Images.Rootfs;

namespace Kiln.Images.Tests.Rootfs;

/// <summary>Which packages a request brings, in which order, and the messages when it cannot be met (feeds given as Packages indexes).</summary>
public sealed class InstallPlannerTests : IDisposable
{
    private readonly TestFeed _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A feed directory named "base" with a Packages index of these stanzas (Package, Version, then the given fields).</summary>
    private PackageFeed Feed(params string[] stanzas) => Feeds(("base", stanzas));

    /// <summary>Feed directories of these names, each with a Packages index of its stanzas, read together in this order.</summary>
    private PackageFeed Feeds(params (string Name, string[] Stanzas)[] feeds)
    {
        foreach (var (name, stanzas) in feeds)
        {
            Directory.CreateDirectory(_temp.In(name));
            var text = new System.Text.StringBuilder();
            foreach (var stanza in stanzas)
            {
                var lines = stanza.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                var package = lines[0].Split(' ')[0];
                var version = lines[0].Split(' ')[1];
                text.Append($"Package: {package}\nVersion: {version}\n");
                foreach (var line in lines.Skip(1)) text.Append(line).Append('\n');
                if (!stanza.Contains("Architecture:", StringComparison.Ordinal)) text.Append("Architecture: x86_64\n");
                text.Append($"Filename: {package}_{version}.ipk\n\n");
            }
            File.WriteAllText(Path.Combine(_temp.In(name), "Packages"), text.ToString());
        }
        return PackageFeed.Read([.. feeds.Select(f => _temp.In(f.Name))], "x86_64");
    }

    private static InstallPlan Plan(PackageFeed feed, string packages, string reason = "--packages", RequestOrigin origin = RequestOrigin.User)
    {
        var selection = PackageSelection.Parse(packages, reason, origin);
        return InstallPlanner.Resolve(feed, selection.Installs, selection.Removals);
    }

    /// <summary>As Image Builder merges them: the target's defaults, a profile's packages, then the user's list (--packages) in front.</summary>
    private static InstallPlan Image(PackageFeed feed, string defaults, string user, string profile = "")
    {
        var selection = PackageSelection.ImageBuilder(
            [PackageSelection.Parse(defaults, "the target's default packages", RequestOrigin.Default),
                PackageSelection.Parse(profile, "profile foo", RequestOrigin.Profile)],
            PackageSelection.Parse(user, "--packages", RequestOrigin.User));
        return InstallPlanner.Resolve(feed, selection.Installs, selection.Removals);
    }

    private static string Names(InstallPlan plan) => string.Join(" ", plan.Packages.Select(p => p.Package.Name));

    private static string Error(Action action) => Assert.Throws<UserError>(action).Message;

    [Fact]
    public void DependenciesComeFirstAndAbiNamesAreMetByTheLibraryThatProvidesThem()
    {
        var feed = Feed("libc 1.2-r1", "libgreet1 1.0-r1\nDepends: libc\nProvides: libgreet\nABIVersion: 1",
            "greeter 2.0-r3\nDepends: libc, libgreet");

        var plan = Plan(feed, "greeter");

        Assert.Equal("libc libgreet1 greeter", Names(plan));
        Assert.Equal([true, true, false], plan.Packages.Select(p => p.AutoInstalled));
        Assert.Equal([false, false, true], plan.Packages.Select(p => p.Requested));
        Assert.Equal("needed by greeter, requested by --packages", plan.Packages[1].Why.Describe());
        // libc is reached first through greeter's own Depends (it comes before libgreet).
        Assert.Equal("needed by greeter, requested by --packages", plan.Packages[0].Why.Describe());
        Assert.Equal("requested by --packages", plan.Packages[2].Why.Describe());
    }

    [Fact]
    public void AChainOfDependenciesIsDescribedFromTheNearestDependentToTheRequest()
    {
        var feed = Feed("libc 1", "libz 1\nDepends: libc", "libgreet1 1\nDepends: libz\nProvides: libgreet", "greeter 1\nDepends: libgreet");

        var plan = Plan(feed, "greeter", "profile foo", RequestOrigin.Profile);

        Assert.Equal("libc libz libgreet1 greeter", Names(plan));
        Assert.Equal("needed by libz, which is needed by libgreet1, which is needed by greeter, a package of profile foo",
            plan.Packages[0].Why.Describe());
    }

    [Fact]
    public void ARequestedPackageThatCameInAsADependencyKeepsAutoInstalledAsOpkgDoes()
    {
        var feed = Feed("libc 1", "greeter 1\nDepends: libc");

        var plan = Plan(feed, "greeter libc");

        Assert.Equal("libc greeter", Names(plan));
        var libc = plan.Packages[0];
        Assert.True(libc.Requested);
        Assert.True(libc.AutoInstalled);
        Assert.Equal("requested by --packages", libc.Why.Describe());
    }

    [Fact]
    public void AlternativesTakeTheFirstThatExistsUnlessAnotherIsAlreadyInstalled()
    {
        var feed = Feed("tiny 1", "full 1", "app 1\nDepends: missing | full | tiny");

        Assert.Equal("full app", Names(Plan(feed, "app")));
        Assert.Equal("tiny app", Names(Plan(feed, "tiny app")));
    }

    [Fact]
    public void AVersionConstraintThatNoPackageMeetsNamesWhatTheFeedsHave()
    {
        var feed = Feeds(("base", ["b 1.5", "libgreet1 1.0-r1\nProvides: libgreet"]),
            ("packages", ["a 1\nDepends: b (>= 2.0)", "greeter 1\nDepends: libgreet (>= 2.0)"]));

        Assert.Equal("a (requested by --packages) needs b (>= 2.0), but feed base has b 1.5", Error(() => Plan(feed, "a")));
        Assert.Equal("greeter (requested by --packages) needs libgreet (>= 2.0), but feed base has libgreet1 1.0-r1 (which provides libgreet)",
            Error(() => Plan(feed, "greeter")));
    }

    [Fact]
    public void AMissingLibraryNamesTheOtherAbiVersionsTheFeedsHave()
    {
        var feed = Feeds(("base", ["libbar3 3\nProvides: libbar\nABIVersion: 3"]),
            ("packages", ["libbar1 1\nProvides: libbar\nABIVersion: 1", "luci-app-foo 1\nDepends: libbar2"]));

        Assert.Equal("luci-app-foo (requested by --packages) needs libbar2, which no feed provides (feed base has libbar3 and feed packages has libbar1)",
            Error(() => Plan(feed, "luci-app-foo")));
        Assert.Equal("package libbar2 (requested by --packages) is in no feed (feed base has libbar3 and feed packages has libbar1)",
            Error(() => Plan(feed, "libbar2")));
    }

    [Fact]
    public void VersionConstraintsAreCheckedWithOpkgsComparison()
    {
        var feed = Feed("lib 1.10-r2", "a 1\nDepends: lib (>= 1.9)", "b 1\nDepends: lib (<< 1.10-r3)", "c 1\nDepends: lib (= 1.10-r2)",
            "d 1\nDepends: lib (>> 1.10-r2)", "e 1\nDepends: lib (<= 1.9)");

        Assert.Equal("lib a b c d", Names(Plan(feed, "a b c d")));
        Assert.Equal("e (requested by --packages) needs lib (<= 1.9), but feed base has lib 1.10-r2", Error(() => Plan(feed, "e")));
    }

    [Fact]
    public void AMissingPackageNamesTheWholeChain()
    {
        var feed = Feed("libgreet1 1\nDepends: libfoo\nProvides: libgreet", "greeter 1\nDepends: libgreet");

        Assert.Equal("libgreet1 (needed by greeter, requested by --packages) needs libfoo, which no feed provides",
            Error(() => Plan(feed, "greeter")));
        Assert.Equal("package nosuch (asked for by CONFIG_PACKAGE_nosuch=y in the .config) is in no feed",
            Error(() => Plan(feed, "nosuch", "CONFIG_PACKAGE_nosuch=y in the .config", RequestOrigin.Other)));
        Assert.Equal("app (requested by --packages) needs x | y (>= 2), and no feed provides any of them",
            Error(() => Plan(Feed("app 1\nDepends: x | y (>= 2)"), "app")));
    }

    [Fact]
    public void APackageOnlyForAnotherArchitectureSaysSo()
    {
        var feed = Feeds(("base", ["app 1\nDepends: tool"]), ("packages", ["tool 1\nArchitecture: mips_24kc"]));

        Assert.Equal("app (requested by --packages) needs tool, which no feed provides for x86_64 (feed packages has it for mips_24kc)",
            Error(() => Plan(feed, "app")));
        Assert.Equal("package tool (a default package of the target) is in no feed for x86_64 (feed packages has it for mips_24kc)",
            Error(() => Plan(feed, "tool", "the target's default packages", RequestOrigin.Default)));
    }

    [Fact]
    public void EveryProblemOfARequestIsSaidJoinedBySemicolons()
    {
        var feed = Feed("app 1\nDepends: x, y", "other 1\nDepends: z");

        Assert.Equal("app (requested by --packages) needs x, which no feed provides; app (requested by --packages) needs y, which no feed provides; " +
            "other (requested by --packages) needs z, which no feed provides; package nosuch (requested by --packages) is in no feed",
            Error(() => Plan(feed, "app other nosuch")));
    }

    [Fact]
    public void ARequestedPackageConflictingWithADefaultOneSuggestsRemovingTheDefault()
    {
        var feed = Feed("wpad-basic 1\nConflicts: wpad-full", "wpad-full 1\nConflicts: wpad-basic", "base-files 1");

        Assert.Equal("wpad-full (requested by --packages) conflicts with wpad-basic (a default package of the target), as wpad-full says " +
            "Conflicts: wpad-basic: add -wpad-basic to --packages", Error(() => Image(feed, "base-files wpad-basic", "wpad-full")));
        Assert.Equal("wpad-full (requested by --packages) conflicts with wpad-basic (a package of profile foo), as wpad-full says " +
            "Conflicts: wpad-basic: add -wpad-basic to --packages", Error(() => Image(feed, "base-files", "wpad-full", profile: "wpad-basic")));
        Assert.Equal("wpad-full base-files", Names(Image(feed, "base-files wpad-basic", "wpad-full -wpad-basic")));
    }

    [Fact]
    public void AVariantBesideThePackageItProvidesConflictsWithIt()
    {
        // OpenWrt's dnsmasq-full has no Conflicts: it provides dnsmasq, and opkg stops at the files both install.
        var feed = Feed("dnsmasq 2.90-r4", "dnsmasq-full 2.90-r4\nProvides: dnsmasq", "luci 1\nDepends: dnsmasq");

        Assert.Equal("dnsmasq-full (requested by --packages) conflicts with dnsmasq (a default package of the target), as dnsmasq-full provides " +
            "dnsmasq: add -dnsmasq to --packages", Error(() => Image(feed, "dnsmasq luci", "dnsmasq-full")));
        // With the removal, the requested variant meets the default package's dependency.
        var plan = Image(feed, "dnsmasq luci", "dnsmasq-full -dnsmasq");
        Assert.Equal("dnsmasq-full luci", Names(plan));
    }

    [Fact]
    public void TwoRequestedPackagesThatConflictAreBothTheUsers()
    {
        var feed = Feed("dnsmasq 2.90-r4", "dnsmasq-full 2.90-r4\nProvides: dnsmasq");

        Assert.Equal("dnsmasq-full conflicts with dnsmasq, as dnsmasq-full provides dnsmasq, and both are requested by --packages: keep one",
            Error(() => Plan(feed, "dnsmasq-full dnsmasq")));
    }

    [Fact]
    public void ConflictingPackagesAreRefusedWithWhoAskedForEach()
    {
        var feed = Feed("dnsmasq 2.90-r1", "dnsmasq-full 2.90-r1\nConflicts: dnsmasq", "luci 1\nDepends: dnsmasq");

        // dnsmasq is the default luci's: taking it away would not help, so no removal is suggested.
        Assert.Equal("dnsmasq-full (requested by --packages) conflicts with dnsmasq (needed by luci, a default package of the target), as " +
            "dnsmasq-full says Conflicts: dnsmasq", Error(() => Image(feed, "luci", "dnsmasq-full")));
        Assert.Equal("dnsmasq-full (a package of profile foo) conflicts with dnsmasq (needed by luci, a default package of the target), as " +
            "dnsmasq-full says Conflicts: dnsmasq", Error(() => Image(feed, "luci", "", profile: "dnsmasq-full")));
    }

    [Fact]
    public void AConflictWithAnotherVersionOnlyCounts()
    {
        var feed = Feed("old 2.2", "new 1\nConflicts: old (<< 2.1)", "older 2.0", "newer 1\nConflicts: older (<< 2.1)", "same 2.1",
            "quirk 1\nConflicts: same (<< 2.1)");

        Assert.Equal("old new", Names(Plan(feed, "old new")));
        Assert.StartsWith("newer conflicts with older, as newer says Conflicts: older (<< 2.1)", Error(() => Plan(feed, "older newer")),
            StringComparison.Ordinal);
        // opkg's relations accept an equal version, even "<<".
        Assert.StartsWith("quirk conflicts with same", Error(() => Plan(feed, "same quirk")), StringComparison.Ordinal);
    }

    [Fact]
    public void ARemovalTakesThePackageOutOfTheRequest()
    {
        var feed = Feed("ppp 1", "dnsmasq 1");

        Assert.Equal("ppp", Names(Plan(feed, "dnsmasq ppp -dnsmasq")));
        Assert.Equal("dnsmasq", Names(Image(feed, "dnsmasq ppp", "-ppp")));
    }

    [Fact]
    public void ARemovalOfWhatAnotherPackageNeedsNamesThatPackage()
    {
        var feed = Feed("ppp 1", "ppp-mod-pppoe 1\nDepends: ppp", "luci-proto-ppp 1\nDepends: ppp");

        Assert.Equal("-ppp removes ppp, but luci-proto-ppp (requested by --packages) needs it", Error(() => Image(feed, "ppp", "luci-proto-ppp -ppp")));
        Assert.Equal("-ppp removes ppp, but ppp-mod-pppoe (a default package of the target) needs it: add -ppp-mod-pppoe too, or drop -ppp",
            Error(() => Image(feed, "ppp ppp-mod-pppoe", "-ppp")));
        Assert.Empty(Image(feed, "ppp ppp-mod-pppoe", "-ppp -ppp-mod-pppoe").Packages);
    }

    [Fact]
    public void AVirtualNameGoesToTheProviderOpkgWouldScoreHighest()
    {
        var feed = Feed("b-provider 1\nProvides: virt", "a-provider 1\nProvides: virt", "virt-impl 1", "app 1\nDepends: virt");

        // No provider is named "virt" or requested: opkg takes the last by name.
        var plan = Plan(feed, "app");
        Assert.Equal("b-provider app", Names(plan));
        Assert.Equal("needed by app, requested by --packages (chosen for virt over a-provider as the last by name (opkg's way among equals))",
            plan.Packages[0].Reason);
        // A requested provider scores higher.
        Assert.Equal("a-provider app", Names(Plan(feed, "a-provider app")));
        // A request for the virtual name itself takes the first by name.
        var virt = Plan(feed, "virt");
        Assert.Equal("a-provider", Names(virt));
        Assert.Equal("requested by --packages (chosen for virt over b-provider as the first by name for x86_64 (opkg's way))", virt.Packages[0].Reason);

        var named = Feed("virt 1", "zz-virt 1\nProvides: virt", "app 1\nDepends: virt");
        Assert.Equal("virt app", Names(Plan(named, "app")));
        Assert.Null(Plan(named, "app").Packages[0].Choice);
    }

    [Fact]
    public void ARequestedProviderBeatsTheOneADefaultPackageWouldGet()
    {
        // Image Builder lists the user's packages first, so opkg installs them first: the default app's dependency is met already.
        var feed = Feed("b-provider 1\nProvides: virt", "a-provider 1\nProvides: virt", "app 1\nDepends: virt");

        Assert.Equal("b-provider app", Names(Image(feed, "app", "")));
        var plan = Image(feed, "app", "a-provider");
        Assert.Equal("a-provider app", Names(plan));
        Assert.Equal(["requested by --packages", "a default package of the target"], plan.Packages.Select(p => p.Reason));
        // A profile's provider is one of the default packages (sorted with them): it is there before app's dependency is looked at only when
        // its name sorts first, as in Image Builder.
        Assert.Equal("a-provider app", Names(Image(feed, "app", "", profile: "a-provider")));
    }

    [Fact]
    public void ADependencyCycleInstallsBothAsOpkgDoes()
    {
        var feed = Feed("a 1\nDepends: b", "b 1\nDepends: a");

        var plan = Plan(feed, "a");

        Assert.Equal("a b", Names(plan));
        Assert.All(plan.Packages, p => Assert.True(p.AutoInstalled));
    }

    [Fact]
    public void TheStatusOrderIsOpkgsHashTableOrder()
    {
        // "cja" and "dhb" share djb2 bucket 531; libc is in bucket 31; "zzz" in 531 too.
        var feed = Feed("libc 1", "dhb 1\nDepends: libc", "cja 1\nDepends: libc");

        var plan = Plan(feed, "cja dhb");

        Assert.Equal("libc cja dhb", Names(plan));
        // The requests enter opkg's table in their order, before anything the feeds name.
        Assert.Equal(["libc", "cja", "dhb"], plan.StatusOrder.Select(p => p.Package.Name));
        Assert.Equal(["libc", "dhb", "cja"], Plan(feed, "dhb cja").StatusOrder.Select(p => p.Package.Name));
        Assert.Equal(531, OpkgHashOrder.Bucket("cja"));
        Assert.Equal(531, OpkgHashOrder.Bucket("dhb"));
        Assert.Equal(31, OpkgHashOrder.Bucket("libc"));
        Assert.Equal(960, OpkgHashOrder.Bucket("/usr/lib/libgreet.so.1"));
    }

    [Fact]
    public void WhenNoRequestNamesThemTheFeedsOrderDecidesWithinABucket()
    {
        var feed = Feed("dhb 1", "cja 1", "app 1\nDepends: cja, dhb");

        Assert.Equal(["dhb", "cja", "app"], Plan(feed, "app").StatusOrder.Select(p => p.Package.Name));
    }
}
