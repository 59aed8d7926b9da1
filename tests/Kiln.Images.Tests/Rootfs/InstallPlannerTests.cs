using Kiln.Core.Errors;
using Kiln.Images.Rootfs;

namespace Kiln.Images.Tests.Rootfs;

/// <summary>Which packages a request brings, in which order, and the messages when it cannot be met (feeds given as Packages indexes).</summary>
public sealed class InstallPlannerTests : IDisposable
{
    private readonly TestFeed _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A feed directory with a Packages index of these stanzas (Package, Version, then the given fields).</summary>
    private PackageFeed Feed(params string[] stanzas)
    {
        Directory.CreateDirectory(_temp.Feed);
        var text = new System.Text.StringBuilder();
        foreach (var stanza in stanzas)
        {
            var lines = stanza.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var name = lines[0].Split(' ')[0];
            var version = lines[0].Split(' ')[1];
            text.Append($"Package: {name}\nVersion: {version}\n");
            foreach (var line in lines.Skip(1)) text.Append(line).Append('\n');
            if (!stanza.Contains("Architecture:", StringComparison.Ordinal)) text.Append("Architecture: x86_64\n");
            text.Append($"Filename: {name}_{version}.ipk\n\n");
        }
        File.WriteAllText(Path.Combine(_temp.Feed, "Packages"), text.ToString());
        return PackageFeed.Read([_temp.Feed], "x86_64");
    }

    private static InstallPlan Plan(PackageFeed feed, string packages, string reason = "--packages")
    {
        var selection = PackageSelection.Parse(packages, reason);
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
        Assert.Equal("needed by greeter, which --packages asked for", plan.Packages[1].Why.Describe());
        // libc is reached first through greeter's own Depends (it comes before libgreet).
        Assert.Equal("needed by greeter, which --packages asked for", plan.Packages[0].Why.Describe());
        Assert.Equal("asked for by --packages", plan.Packages[2].Why.Describe());
    }

    [Fact]
    public void AChainOfDependenciesIsDescribedFromTheNearestDependentToTheRequest()
    {
        var feed = Feed("libc 1", "libz 1\nDepends: libc", "libgreet1 1\nDepends: libz\nProvides: libgreet", "greeter 1\nDepends: libgreet");

        var plan = Plan(feed, "greeter", "DEVICE_PACKAGES of Device/foo");

        Assert.Equal("libc libz libgreet1 greeter", Names(plan));
        Assert.Equal("needed by libz, which is needed by libgreet1, which is needed by greeter, which DEVICE_PACKAGES of Device/foo asked for",
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
        Assert.Equal("asked for by --packages", libc.Why.Describe());
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
        var feed = Feed("libgreet1 1.0-r1\nProvides: libgreet", "greeter 1\nDepends: libgreet (>= 2.0)");

        var message = Error(() => Plan(feed, "greeter"));

        Assert.Equal("greeter needs libgreet (>= 2.0), but the feeds have only libgreet1 1.0-r1 (which provides libgreet) " +
            "(needed by greeter, which --packages asked for)", message);
    }

    [Fact]
    public void VersionConstraintsAreCheckedWithOpkgsComparison()
    {
        var feed = Feed("lib 1.10-r2", "a 1\nDepends: lib (>= 1.9)", "b 1\nDepends: lib (<< 1.10-r3)", "c 1\nDepends: lib (= 1.10-r2)",
            "d 1\nDepends: lib (>> 1.10-r2)", "e 1\nDepends: lib (<= 1.9)");

        Assert.Equal("lib a b c d", Names(Plan(feed, "a b c d")));
        Assert.Contains("e needs lib (<= 1.9)", Error(() => Plan(feed, "e")), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingPackageNamesTheWholeChain()
    {
        var feed = Feed("libgreet1 1\nDepends: libfoo\nProvides: libgreet", "greeter 1\nDepends: libgreet");

        Assert.Equal("package 'libfoo' not found in any feed (needed by libgreet1, which is needed by greeter, which --packages asked for)",
            Error(() => Plan(feed, "greeter")));
        Assert.Equal("package 'nosuch' not found in any feed (asked for by CONFIG_PACKAGE_nosuch)",
            Error(() => Plan(feed, "nosuch", "CONFIG_PACKAGE_nosuch")));
        Assert.Equal("none of 'x | y (>= 2)' found in any feed (needed by app, which --packages asked for)",
            Error(() => Plan(Feed("app 1\nDepends: x | y (>= 2)"), "app")));
    }

    [Fact]
    public void APackageOnlyForAnotherArchitectureSaysSo()
    {
        var feed = Feed("tool 1\nArchitecture: mips_24kc", "app 1\nDepends: tool");

        Assert.Equal("package 'tool' is only in the feeds for mips_24kc, not for x86_64 (needed by app, which --packages asked for)",
            Error(() => Plan(feed, "app")));
    }

    [Fact]
    public void ConflictingPackagesAreRefusedWithWhoAskedForEach()
    {
        var feed = Feed("dnsmasq 2.90-r1", "dnsmasq-full 2.90-r1\nConflicts: dnsmasq", "luci 1\nDepends: dnsmasq");

        var selection = PackageSelection.Parse("luci", "the target's default packages");
        var device = PackageSelection.Parse("dnsmasq-full", "DEVICE_PACKAGES of Device/foo");
        var message = Error(() => InstallPlanner.Resolve(feed, [.. selection.Installs, .. device.Installs], []));

        Assert.Equal("packages 'dnsmasq-full' and 'dnsmasq' conflict (dnsmasq-full says Conflicts: dnsmasq): dnsmasq-full is asked for by " +
            "DEVICE_PACKAGES of Device/foo; dnsmasq is needed by luci, which the target's default packages asked for", message);
    }

    [Fact]
    public void AConflictWithAnotherVersionOnlyCounts()
    {
        var feed = Feed("old 2.2", "new 1\nConflicts: old (<< 2.1)", "older 2.0", "newer 1\nConflicts: older (<< 2.1)", "same 2.1",
            "quirk 1\nConflicts: same (<< 2.1)");

        Assert.Equal("old new", Names(Plan(feed, "old new")));
        Assert.StartsWith("packages 'newer' and 'older' conflict (newer says Conflicts: older (<< 2.1))", Error(() => Plan(feed, "older newer")),
            StringComparison.Ordinal);
        // opkg's relations accept an equal version, even "<<".
        Assert.StartsWith("packages 'quirk' and 'same' conflict", Error(() => Plan(feed, "same quirk")), StringComparison.Ordinal);
    }

    [Fact]
    public void ARemovalTakesThePackageOutOfTheRequestButADependencyBringsItBack()
    {
        var feed = Feed("ppp 1", "ppp-mod-pppoe 1\nDepends: ppp", "dnsmasq 1");

        var removed = Plan(feed, "dnsmasq ppp -dnsmasq");
        Assert.Equal("ppp", Names(removed));
        Assert.Empty(removed.Notes);

        var selection = PackageSelection.Parse("ppp ppp-mod-pppoe", "the target's default packages");
        var user = PackageSelection.Parse("-ppp", "--packages");
        var back = InstallPlanner.Resolve(feed, selection.Installs, user.Removals);
        Assert.Equal("ppp ppp-mod-pppoe", Names(back));
        Assert.False(back.Packages[0].Requested);
        Assert.Equal(["package 'ppp' is installed although --packages removes it (-ppp): it is needed by ppp-mod-pppoe, which the target's " +
            "default packages asked for"], back.Notes);
    }

    [Fact]
    public void AVirtualNameGoesToTheProviderOpkgWouldScoreHighest()
    {
        var feed = Feed("b-provider 1\nProvides: virt", "a-provider 1\nProvides: virt", "virt-impl 1", "app 1\nDepends: virt");

        // No provider is named "virt" or requested: opkg takes the last by name.
        Assert.Equal("b-provider app", Names(Plan(feed, "app")));
        // A requested provider scores higher.
        Assert.Equal("a-provider app", Names(Plan(feed, "a-provider app")));
        // A request for the virtual name itself takes the first by name.
        Assert.Equal("a-provider", Names(Plan(feed, "virt")));

        var named = Feed("virt 1", "zz-virt 1\nProvides: virt", "app 1\nDepends: virt");
        Assert.Equal("virt app", Names(Plan(named, "app")));
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
