using Kiln.Targets.Plans;

namespace Kiln.Targets.Tests;

/// <summary>What building each device of the example board makes, step by step.</summary>
public class PlanTests
{
    private static string[] Steps(PlannedFile file) => file.Steps.Select(s => s.ToString()).ToArray();

    private static PlannedFile File(string device, string name, bool big = false) =>
        (big ? ExampleBoard.Big : ExampleBoard.Small).Plan(device).Files.Single(f => f.Name == name);

    [Fact]
    public void EveryDeviceHasItsKernelInitramfsAndImages()
    {
        var files = ExampleBoard.Small.Plan("acme_r1").Files;
        Assert.Equal([FileKind.Kernel, FileKind.Initramfs, FileKind.Image, FileKind.Image], files.Select(f => f.Kind));
        Assert.Equal(
            ["", "openwrt-demo-small-acme_r1-initramfs-kernel.bin", "openwrt-demo-small-acme_r1-squashfs-sysupgrade.bin",
                "openwrt-demo-small-acme_r1-squashfs-factory.bin"],
            files.Select(f => f.Name));
        Assert.Equal(["kernel-bin", "append-dtb", "lzma", "uImage lzma"], Steps(files[0]));
        Assert.EndsWith("/acme_r1-kernel.bin", files[0].Target);
    }

    [Fact]
    public void ImageStepsAreExpandedWithTheDevicesValues()
    {
        var factory = File("acme_r1", "openwrt-demo-small-acme_r1-squashfs-factory.bin");
        Assert.Equal(["append-kernel", "pad-to 64k", "append-rootfs", "pad-rootfs", "check-size", "demo-header 0x00010001"], Steps(factory));
        Assert.Equal(("factory", "squashfs"), (factory.Type, factory.Filesystem));
        // BLOCKSIZE is deferred ($$$$) in the pipeline: each device's own.
        Assert.Contains("pad-to 128k", Steps(File("acme_r2", "openwrt-demo-small-acme_r2-squashfs-sysupgrade.bin")));
    }

    [Fact]
    public void BoardDefinedCommandsAreMarkedAndKeptAsTheBoardsRecipe()
    {
        var factory = File("acme_r1", "openwrt-demo-small-acme_r1-squashfs-factory.bin");
        Assert.Equal(["demo-header"], factory.Steps.Where(s => s.BoardDefined).Select(s => s.Command));
        var step = factory.Steps.ToList().FindIndex(s => s.Command == "demo-header");
        var header = factory.Recipe.Where(c => c.Step == step).Select(c => c.Command).ToList();
        Assert.Equal(4, header.Count);
        Assert.StartsWith("printf '%s%s' \"DEMO\" \"0x00010001\" | dd bs=16 count=1 conv=sync 2>/dev/null > ", header[0]);
        Assert.EndsWith("-factory.bin.hdr", header[0]);
    }

    [Fact]
    public void RecipesStartWithTheRulesOwnCommands()
    {
        var sysupgrade = File("acme_r1", "openwrt-demo-small-acme_r1-squashfs-sysupgrade.bin");
        Assert.Equal($"rm -f {sysupgrade.Target}", sysupgrade.Recipe[0].Command);
        Assert.Equal($"[ -f {sysupgrade.Inputs[0]} -a -f {sysupgrade.Inputs[1]} ]", sysupgrade.Recipe[1].Command);
        Assert.EndsWith("/acme_r1-kernel.bin", sysupgrade.Inputs[0]);
        Assert.EndsWith("/root.squashfs", sysupgrade.Inputs[1]);
        Assert.All(sysupgrade.Recipe.Skip(2), c => Assert.True(c.Step >= 0));
    }

    [Fact]
    public void CheckSizeUsesTheImageSizeInBytes()
    {
        var sysupgrade = File("acme_r1", "openwrt-demo-small-acme_r1-squashfs-sysupgrade.bin");
        var checkSize = sysupgrade.Steps.ToList().FindIndex(s => s.Command == "check-size");
        Assert.Contains(sysupgrade.Recipe, c => c.Step == checkSize && c.Command.Contains("limitsize=\"$((7808 * 1024))\""));
    }

    [Fact]
    public void Ext4ImagesAreCompressedInBinTargetsAndArtifactsComeLast()
    {
        var files = ExampleBoard.Big.Plan("acme_b1").Files;
        Assert.Equal(
            [
                "", "openwrt-demo-big-acme_b1-initramfs-kernel.bin",
                "openwrt-demo-big-acme_b1-squashfs-sysupgrade.bin", "openwrt-demo-big-acme_b1-ext4-sysupgrade.bin.gz",
                "openwrt-demo-big-acme_b1-squashfs-disk.img.gz", "openwrt-demo-big-acme_b1-ext4-disk.img.gz",
                "openwrt-demo-big-acme_b1-recovery.bin",
            ],
            files.Select(f => f.Name));
        var recovery = files[^1];
        Assert.Equal(FileKind.Artifact, recovery.Kind);
        Assert.Equal(["append-image-stage initramfs-kernel.bin", "demo-header 0xB1"], Steps(recovery));
        Assert.EndsWith("/root.ext4", files[3].Inputs[1]);
    }

    [Fact]
    public void ProfilesRecordWhatProfilesJsonHolds()
    {
        var profile = File("acme_r1-v2", "openwrt-demo-small-acme_r1-v2-squashfs-factory.bin").Profile.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("acme_r1-v2", profile["DEVICE_ID"]);
        Assert.Equal("openwrt-demo-small-acme_r1-v2-squashfs-factory.bin", profile["FILE_NAME"]);
        Assert.Equal("factory", profile["FILE_TYPE"]);
        Assert.Equal("squashfs", profile["FILE_FILESYSTEM"]);
        Assert.Equal("Example", profile["DEVICE_ALT0_VENDOR"]);
        Assert.Equal("acme,r1-v2 acme,r1", profile["SUPPORTED_DEVICES"]);
        Assert.Equal(("demo", "small"), (profile["TARGET"], profile["SUBTARGET"]));
        var initramfs = File("acme_r1", "openwrt-demo-small-acme_r1-initramfs-kernel.bin").Profile.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(("kernel", "initramfs"), (initramfs["FILE_TYPE"], initramfs["FILE_FILESYSTEM"]));
    }

    [Fact]
    public void ReadingTwiceGivesTheSamePlans()
    {
        static string Text(Devices.DeviceSet set) => string.Join('\n',
            set.Plans.SelectMany(p => p.Files.SelectMany(f => f.Recipe.Select(c => $"{p.Device} {f.Name} {c.Command}"))));
        Assert.Equal(Text(ExampleBoard.Small), Text(ExampleBoard.Read("demo/small")));
    }
}
