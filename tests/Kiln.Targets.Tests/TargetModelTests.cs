using Kiln.Core.Errors;
using Kiln.Targets.Model;
using Kiln.Targets.Scanning;

namespace Kiln.Targets.Tests;

/// <summary>The target model read from the example tree's scan.</summary>
public class TargetModelTests
{
    private static readonly Lazy<TargetCatalog> Catalog = new(() => TargetCatalog.Read(new TargetScanOptions(Fixtures.Example)));

    [Fact]
    public void TheBoardAndEachSubtargetHaveAnEntry()
    {
        Assert.Empty(Catalog.Value.Failures);
        Assert.Equal(["demo", "demo/small", "demo/big", "malta", "malta/le", "malta/router", "pc", "pc/generic"], Catalog.Value.Targets.Select(t => t.Id));
        var small = Catalog.Value.Find("demo/small");
        Assert.Equal(("demo", "small", "Small flash"), (small.Board, small.Subtarget, small.Name));
        Assert.Equal(("mips", "mips_24kc", "24kc"), (small.Arch, small.ArchPackages, small.CpuType));
        Assert.Equal(("6.6.106", "1", "mips"), (small.LinuxVersion, small.LinuxRelease, small.KernelArch));
        Assert.Equal("target/linux/demo/Makefile", small.SourceMakefile);
    }

    [Fact]
    public void ABoardWithOneSubtargetHasItsGenericSubtarget()
    {
        var pc = Catalog.Value.Find("pc/generic");
        Assert.Equal(("pc", "generic", "Generic x86_64"), (pc.Board, pc.Subtarget, pc.Name));
        Assert.Equal(("x86_64", "x86_64", "x86"), (pc.Arch, pc.ArchPackages, pc.KernelArch));
        Assert.Empty(pc.Devices);
    }

    [Fact]
    public void TheBoardsThatBootInQemuHaveTheirFileSystemsAndTheExamplesOwnPackages()
    {
        var malta = Catalog.Value.Find("malta/le");
        var pc = Catalog.Value.Find("pc/generic");
        Assert.Equal(("malta", "le", "Little Endian"), (malta.Board, malta.Subtarget, malta.Name));
        Assert.Equal(("mipsel", "mipsel_24kc", "24kc", "mips"), (malta.Arch, malta.ArchPackages, malta.CpuType, malta.KernelArch));
        Assert.Equal(["cpiogz", "ext4", "ramdisk", "squashfs", "targz"], malta.Features);
        Assert.Equal(["cpiogz", "ext4", "pci", "ramdisk", "squashfs", "targz", "usb"], pc.Features);
        Assert.All([malta, pc], t => Assert.Equal(["base-files", "libc", "libgcc", "bootcheck", "greeter"], t.DefaultPackages));
        // Their images are made by the board's Image/* hooks, not by devices.
        Assert.Empty(malta.Devices);
    }

    [Fact]
    public void SubtargetsAddFeaturesAndChangeTheDefaultPackages()
    {
        var board = Catalog.Value.Board("demo")!;
        var small = Catalog.Value.Find("demo/small");
        var big = Catalog.Value.Find("demo/big");
        Assert.Equal(["gpio", "ramdisk", "squashfs"], board.Features);
        Assert.Equal(["gpio", "ramdisk", "small_flash", "squashfs"], small.Features);
        Assert.True(big.HasFeature("ext4"));
        Assert.Contains("wpad-basic-mbedtls", small.DefaultPackages);
        Assert.Contains("iwinfo", small.DefaultPackages);
        Assert.DoesNotContain("urngd", big.DefaultPackages);
        Assert.Contains("urngd", small.DefaultPackages);
        Assert.Contains("e2fsprogs", big.DefaultPackages);
        Assert.All([board, small, big], t => Assert.Contains("swconfig", t.DefaultPackages));
    }

    [Fact]
    public void DevicesAreProfilesOfTheirSubtarget()
    {
        var small = Catalog.Value.Find("demo/small");
        Assert.Equal(["acme_r1", "acme_r1-v2", "acme_r2", "acme_r0"], small.Devices.Select(d => d.DeviceName));
        var v2 = small.Device("acme_r1-v2")!;
        Assert.Equal("ACME R1 v2", v2.Name);
        Assert.Equal(["Example R1 Plus (ACME R1 v2)"], small.AlternativeNames("acme_r1-v2"));
        Assert.Equal(["acme,r1-v2", "acme,r1"], v2.SupportedDevices);
        Assert.Equal(true, v2.HasImageMetadata);
        Assert.Equal("n", small.Device("acme_r0")!.Default);
        Assert.Contains("Example R1 Plus", v2.Description);
        Assert.Equal(["acme_b1"], Catalog.Value.Find("demo/big").Devices.Select(d => d.DeviceName));
    }

    [Fact]
    public void ABoardAloneOrAnUnknownSubtargetIsNotATarget()
    {
        var error = Assert.Throws<UserError>(() => Catalog.Value.Find("demo/huge"));
        Assert.Contains("demo/small", error.Reason);
        Assert.Throws<UserError>(() => Catalog.Value.Find("demo"));
    }
}
