using Kiln.Core.Errors;
using Kiln.Images.Rootfs;

namespace Kiln.Images.Tests.Rootfs;

/// <summary>Image Builder's PACKAGES syntax and how its Makefile combines the profile's lists with the user's.</summary>
public sealed class PackageSelectionTests
{
    [Fact]
    public void NamesInstallAndDashNamesRemove()
    {
        var selection = PackageSelection.Parse("  luci\t-ppp\nwpad-basic -dnsmasq ", "--packages");

        Assert.Equal([new PackageRequest("luci", "--packages"), new PackageRequest("wpad-basic", "--packages")], selection.Installs);
        Assert.Equal([new PackageRequest("ppp", "--packages"), new PackageRequest("dnsmasq", "--packages")], selection.Removals);
        Assert.Equal("--packages: '-' alone names no package to remove",
            Assert.Throws<UserError>(() => PackageSelection.Parse("a - b", "--packages")).Message);
    }

    [Fact]
    public void ImageBuilderSortsTheProfileDropsItsRemovalsAndPutsTheUsersPackagesFirst()
    {
        var target = PackageSelection.Parse("dnsmasq ppp firewall4 ppp", "the target's default packages");
        var device = PackageSelection.Parse("-ppp kmod-ath9k -dnsmasq", "DEVICE_PACKAGES of Device/foo");
        var user = PackageSelection.Parse("zram-swap dnsmasq -firewall4", "--packages");

        var combined = PackageSelection.ImageBuilder([target, device], user);

        // The device's -dnsmasq does not take away the dnsmasq the user asks for; the user's -firewall4 applies to everything.
        Assert.Equal(["zram-swap", "dnsmasq", "firewall4", "kmod-ath9k"], combined.Installs.Select(r => r.Name));
        Assert.Equal(["--packages", "--packages", "the target's default packages", "DEVICE_PACKAGES of Device/foo"],
            combined.Installs.Select(r => r.Reason));
        Assert.Equal(["firewall4"], combined.Removals.Select(r => r.Name));
    }
}
