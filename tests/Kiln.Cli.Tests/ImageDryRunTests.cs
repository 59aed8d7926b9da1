using System.Text.Json;
using Kiln.Packing.Feeds;
using Kiln.Packing.Ipk;

namespace Kiln.Cli.Tests;

/// <summary>
/// <c>kiln image --dry-run [--json]</c> on the example tree's malta/le (default packages base-files,
/// libc, libgcc, bootcheck, greeter) with a feed of real .ipk files and its Packages index: the
/// resolved list with reasons, nothing written, and failures as one line with exit 2.
/// </summary>
public sealed class ImageDryRunTests : IDisposable
{
    private readonly Scratch _scratch = new(withTree: true);

    public ImageDryRunTests()
    {
        Package("libgreet1", "Provides: libgreet\nABIVersion: 1\n", ("usr/lib/libgreet.so.1", "lib"));
        Package("greeter", "Depends: libgreet\n", ("usr/bin/greet", "greet"));
        Package("greeter-tiny", "", ("usr/bin/greet", "tiny"));
        Package("dnsmasq", "", ("usr/sbin/dnsmasq", "dnsmasq"));
        Package("dnsmasq-full", "Provides: dnsmasq\n", ("usr/sbin/dnsmasq", "dnsmasq-full"));
        Package("luci-proto-ppp", "Depends: ppp\n", ("lib/netifd/proto/ppp.sh", "ppp"));
        Package("ppp", "", ("usr/sbin/pppd", "pppd"));
        FeedIndex.Write(Feed, null);
    }

    public void Dispose() => _scratch.Dispose();

    private string Feed => _scratch.Path("feeds/extra");

    /// <summary>A package of architecture all with one file, packed into the feed as Kiln's build packs one.</summary>
    private void Package(string name, string fields, (string Path, string Content) file)
    {
        var install = _scratch.Path("install/" + name);
        _scratch.Write("install/" + name + "/" + file.Path, file.Content);
        var control = ControlFile.Parse($"Package: {name}\nVersion: 1.0-r1\n{fields}Architecture: all\nDescription:  {name}\n");
        Directory.CreateDirectory(Feed);
        IpkWriter.Write(install, control, new Dictionary<string, string>(), DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            Path.Combine(Feed, $"{name}_1.0-r1_all.ipk"));
    }

    private KilnRun DryRun(params string[] options) =>
        KilnProcess.Run(_scratch.Root, ["--topdir", _scratch.Top, "image", "--target", "malta/le", "--dry-run", "--feed", Feed, .. options]);

    [Fact]
    public void TheResolvedPackagesArePrintedWithWhyEachIsThereAndNothingIsWritten()
    {
        var before = _scratch.Snapshot();

        var run = DryRun("--packages", "dnsmasq-full luci-proto-ppp");

        Assert.True(run.Status == 0, run.ToString());
        Assert.Equal(
            [
                "dnsmasq-full 1.0-r1    requested by --packages",
                "ppp 1.0-r1             needed by luci-proto-ppp, requested by --packages",
                "luci-proto-ppp 1.0-r1  requested by --packages",
                "libgreet1 1.0-r1       needed by greeter, a default package of the target",
                "greeter 1.0-r1         a default package of the target",
            ], run.Stdout.TrimEnd('\n').Split('\n'));
        Assert.Equal("kiln: 5 packages for malta/le, in install order:\n", run.Stderr);
        Assert.Equal(before, _scratch.Snapshot());
    }

    [Fact]
    public void JsonGivesTheSameListWithFeedsAndRequests()
    {
        var run = DryRun("--packages", "dnsmasq-full -greeter", "--json");

        Assert.True(run.Status == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("malta/le", root.GetProperty("target").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("profile").ValueKind);
        var packages = root.GetProperty("packages").EnumerateArray().ToList();
        Assert.Equal(["dnsmasq-full"], packages.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal("1.0-r1", packages[0].GetProperty("version").GetString());
        Assert.Equal("requested by --packages", packages[0].GetProperty("reason").GetString());
        Assert.True(packages[0].GetProperty("requested").GetBoolean());
        Assert.Equal("extra", packages[0].GetProperty("feed").GetString());
    }

    public static TheoryData<string, string> Failures => new()
    {
        { "greeter-tiny", "/usr/bin/greet is in both greeter-tiny (requested by --packages) and greeter (a default package of the target): " +
            "add -greeter to --packages" },
        { "dnsmasq-full dnsmasq", "dnsmasq-full conflicts with dnsmasq, as dnsmasq-full provides dnsmasq, and both are requested by --packages: keep one" },
        { "luci-proto-ppp -ppp", "-ppp removes ppp, but luci-proto-ppp (requested by --packages) needs it" },
        { "nosuch", "package nosuch (requested by --packages) is in no feed" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void ARequestThatCannotBeMetIsOneLineAndExitTwo(string packages, string message)
    {
        foreach (string[] json in new[] { Array.Empty<string>(), ["--json"] })
        {
            var run = DryRun(["--packages", packages, .. json]);

            Assert.True(run.Status == 2, run.ToString());
            Assert.Equal($"kiln: {message}\n", run.Stderr);
            Assert.Equal("", run.Stdout);
        }
    }

    [Fact]
    public void JsonWithoutDryRunIsRefused()
    {
        var run = KilnProcess.Run(_scratch.Root, ["--topdir", _scratch.Top, "image", "--target", "malta/le", "--json"]);

        Assert.True(run.Status == 2, run.ToString());
        Assert.Equal("kiln: --json needs --dry-run\n", run.Stderr);
    }
}
