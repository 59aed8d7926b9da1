using Kiln.Core.Errors;
using Kiln.Images.Rootfs;
using Kiln.Targets.Model;

namespace Kiln.Images.Tests.Rootfs;

/// <summary>The real feeds' index (see <see cref="OracleFeed"/>), written and read once for the tests of this class.</summary>
public sealed class OracleFeedFixture : IDisposable
{
    public OracleFeedFixture()
    {
        Directory.CreateDirectory(Scratch);
        var oracle = OracleFeed.OracleDirectory(AppContext.BaseDirectory);
        Feed = PackageFeed.Read(OracleFeed.Write(oracle, Scratch), OracleFeed.Architecture);
        Target = TargetInfoParser.Parse(File.ReadAllText(Path.Combine(oracle, "targets.targetinfo"))).Single(t => t.Id == OracleFeed.Target);
    }

    public string Scratch { get; } = Path.Combine(Path.GetTempPath(), "kiln-oracle-feed-" + Guid.NewGuid().ToString("N"));

    public PackageFeed Feed { get; }

    public Target Target { get; }

    public void Dispose() => Directory.Delete(Scratch, recursive: true);
}

public sealed class OracleFeedTests(OracleFeedFixture real) : IClassFixture<OracleFeedFixture>
{

    /// <summary>An image's packages as Kiln's image command merges them (Image Builder's way), then planned.</summary>
    private InstallPlan Image(string packages, string? profile = OracleFeed.Profile)
    {
        var profiles = profile is null ? [] : new[] { real.Target.Device(profile)! };
        var selection = ImagePackages.For(real.Target, profiles, null, packages, onlyListed: false,
            name => real.Feed.Find(name) is not null || real.Feed.Answering(name).Count > 0);
        return InstallPlanner.Resolve(real.Feed, selection.Installs, selection.Removals);
    }

    public static TheoryData<string> RequestData => new(OracleFeed.Requests);

    [Theory]
    [MemberData(nameof(RequestData))]
    public void RealRequestsResolveWithEveryDependencyMetAndExplained(string packages)
    {
        var plan = Image(packages);

        var placed = plan.Packages.Select(p => p.Package).ToHashSet();
        foreach (var word in packages.Split(' ').Where(w => !w.StartsWith('-')))
            Assert.Contains(plan.Packages, p => p.Package.AnswersTo(word) && p.Requested && p.Why.Describe() == "requested by --packages");
        foreach (var removed in packages.Split(' ').Where(w => w.StartsWith('-')))
            Assert.DoesNotContain(plan.Packages, p => p.Package.Name == removed[1..]);
        foreach (var planned in plan.Packages)
        {
            foreach (var dependency in planned.Package.Depends)
                Assert.True(dependency.Alternatives.Any(t => placed.Any(p => p.AnswersTo(t.Name) && t.AcceptsVersion(p.Version))),
                    $"{planned.Package.Name}'s {dependency} is not met");
            // Every package is explained by a chain of planned packages back to a request.
            Assert.All(planned.Why.Dependents, d => Assert.Contains(plan.Packages, p => p.Package.Name == d));
        }
        Assert.Equal(plan.Packages.Count, plan.Packages.Select(p => p.Package.Name).Distinct().Count());
    }

    [Fact]
    public void TheDefaultPackagesAreImageBuildersAsOpenWrtsProfilesJsonRecordsThem()
    {
        var oracle = OracleFeed.OracleDirectory(AppContext.BaseDirectory);
        using var profiles = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(oracle, "images-built", "ath79-generic", "profiles.json")));
        var expected = profiles.RootElement.GetProperty("default_packages").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal);

        var selection = ImagePackages.For(real.Target, [], null, null, onlyListed: false,
            name => real.Feed.Find(name) is not null || real.Feed.Answering(name).Count > 0);

        Assert.Equal(expected, selection.Installs.Where(r => r.Origin == RequestOrigin.Default).Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AVariantBesideTheDefaultItReplacesIsRefusedWithTheRemovalToAdd()
    {
        Assert.Equal("dnsmasq-full (requested by --packages) conflicts with dnsmasq (a default package of the target), as dnsmasq-full provides " +
            "dnsmasq: add -dnsmasq to --packages", Error(() => Image("dnsmasq-full")));
        Assert.Equal("wpad-openssl (requested by --packages) conflicts with wpad-basic-mbedtls (a default package of the target), as wpad-openssl " +
            "says Conflicts: wpad-basic-mbedtls: add -wpad-basic-mbedtls to --packages", Error(() => Image("wpad-openssl")));
        Assert.Equal("kmod-ath10k (requested by --packages) conflicts with kmod-ath10k-ct (a package of profile tplink_archer-c7-v2), as " +
            "kmod-ath10k-ct provides kmod-ath10k: add -kmod-ath10k-ct to --packages", Error(() => Image("kmod-ath10k")));

        var plan = Image("-dnsmasq dnsmasq-full");
        Assert.DoesNotContain(plan.Packages, p => p.Package.Name == "dnsmasq");
        Assert.Contains(plan.Packages, p => p.Package.Name == "dnsmasq-full");
    }

    [Fact]
    public void ARemovalOfWhatADefaultPackageNeedsNamesIt()
    {
        Assert.Equal("-uclient-fetch removes uclient-fetch, but opkg (a default package of the target) needs it: add -opkg too, or drop -uclient-fetch",
            Error(() => Image("-uclient-fetch wget-ssl")));
    }

    [Fact]
    public void AnUnknownPackageAndAVirtualNameAreExplained()
    {
        Assert.Equal("package nosuch (requested by --packages) is in no feed", Error(() => Image("nosuch")));
        // nftables is provided by nftables-json and nftables-nojson: a request takes the first by name.
        var requested = Only("nftables").Packages.Single(p => p.Package.AnswersTo("nftables"));
        Assert.Equal("nftables-json", requested.Package.Name);
        Assert.Equal("requested by --packages (chosen for nftables over nftables-nojson as the first by name for mips_24kc (opkg's way))",
            requested.Reason);
        // geoip-shell needs nftables (a dependency takes the last provider by name) and firewall4, which needs nftables-json.
        Assert.Equal("nftables-nojson (needed by geoip-shell, requested by --packages, chosen for nftables over nftables-json as the last by name " +
            "(opkg's way among equals)) conflicts with nftables-json (needed by firewall4, which is needed by geoip-shell, requested by --packages), " +
            "as nftables-nojson says Conflicts: nftables-json", Error(() => Only("geoip-shell")));
        Assert.Contains(Only("nftables-json geoip-shell").Packages, p => p.Package.Name == "geoip-shell");
    }

    /// <summary>Only the listed packages and what they need (--only-packages).</summary>
    private InstallPlan Only(string packages)
    {
        var selection = ImagePackages.For(real.Target, [], null, packages, onlyListed: true, name => real.Feed.Find(name) is not null);
        return InstallPlanner.Resolve(real.Feed, selection.Installs, selection.Removals);
    }

    [Fact]
    public void ALibraryOfAnotherAbiVersionInTheFeedIsNamed()
    {
        // A base feed from another build: libubox with another ABI version than the packages were built against.
        var other = Path.Combine(real.Scratch, "other-build", "base");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "Packages"), File.ReadAllText(Path.Combine(real.Scratch, "base", "Packages"))
            .Replace("Package: libubox20240329\n", "Package: libubox20230523\n", StringComparison.Ordinal));
        var feed = PackageFeed.Read([other, Path.Combine(real.Scratch, "packages")], OracleFeed.Architecture);
        var selection = ImagePackages.For(real.Target, [], null, "uhttpd", onlyListed: true, name => feed.Find(name) is not null);

        Assert.Equal("uhttpd (requested by --packages) needs libubox20240329, which no feed provides (feed base has libubox20230523)",
            Assert.Throws<UserError>(() => InstallPlanner.Resolve(feed, selection.Installs, selection.Removals)).Message.Split("; ")[0]);
    }

    private static string Error(Action action) => Assert.Throws<UserError>(action).Message;
}
