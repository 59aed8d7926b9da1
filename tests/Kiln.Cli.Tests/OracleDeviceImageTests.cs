using System.Security.Cryptography;

namespace Kiln.Cli.Tests;

/// <summary>
/// Device images compared byte for byte with what OpenWrt 24.10's own recipes wrote from the same inputs
/// (../shared/oracle/images-built/ath79-generic: its kernel, initramfs kernel, device tree and root file
/// system, SOURCE_DATE_EPOCH=1700000000). The board is a fixture written here that declares the device as
/// OpenWrt's ath79 image Makefiles do (Device/Default, the device's block, TARGET_DEVICES, BuildImage);
/// the recipes are Kiln's own image-commands.mk, the host tools those the oracle used (Debian's lzma_alone
/// and mkimage, padjffs2 and fwtool as Kiln provides them).
/// </summary>
public sealed class OracleDeviceImageTests
{
    private const string Board = """
        include $(TOPDIR)/rules.mk

        ARCH:=mips
        BOARD:=ath79
        BOARDNAME:=Qualcomm Atheros 7xxx/9xxx (fixture)
        FEATURES:=squashfs ramdisk
        SUBTARGETS:=generic
        CPU_TYPE:=24kc
        KERNEL_PATCHVER:=6.6

        define Target/Description
        	A fixture with one of ath79's devices, declared as OpenWrt declares it.
        endef

        include $(INCLUDE_DIR)/target.mk

        DEFAULT_PACKAGES += base-files
        $(eval $(call BuildTarget))
        """;

    private const string Subtarget = """
        BOARDNAME:=Generic
        DEFAULT_PACKAGES += libc
        """;

    // The constructs of ath79's image/Makefile and generic.mk: a default whose values are deferred ($$, $$$$), a
    // SoC per device, device trees named from both, the 8devices Carambola2 as generic.mk defines it.
    private const string Images = """
        include $(TOPDIR)/rules.mk
        include $(INCLUDE_DIR)/image.mk

        KERNEL_LOADADDR := 0x80060000

        DEVICE_VARS += IMAGE_SIZE

        define Device/Default
          DEVICE_DTS_DIR := ../dts
          DEVICE_DTS = $$(SOC)_$(1)
          PROFILES = Default $$(DEVICE_NAME)
          BLOCKSIZE := 64k
          KERNEL := kernel-bin | append-dtb | lzma | uImage lzma
          KERNEL_INITRAMFS := kernel-bin | append-dtb | lzma | uImage lzma
          IMAGES := sysupgrade.bin
          IMAGE/sysupgrade.bin = append-kernel | pad-to $$$$(BLOCKSIZE) | append-rootfs | pad-rootfs | check-size | append-metadata
          SUPPORTED_DEVICES := $(subst _,$(comma),$(1))
        endef

        define Device/8dev_carambola2
          SOC := ar9331
          DEVICE_VENDOR := 8devices
          DEVICE_MODEL := Carambola2
          DEVICE_PACKAGES := kmod-usb-chipidea2
          IMAGE_SIZE := 16000k
          SUPPORTED_DEVICES += carambola2
        endef
        TARGET_DEVICES += 8dev_carambola2

        $(eval $(call BuildImage))
        """;

    private static readonly string[] Inputs = ["vmlinux", "vmlinux-initramfs", "image-ar9331_8dev_carambola2.dtb", "root.squashfs"];

    [Fact]
    public void TheCarambola2ImagesAreByteIdenticalToOpenWrts()
    {
        var oracle = OracleDirectory();
        using var scratch = new Scratch(withTree: true);
        scratch.Write("tree/target/linux/ath79/Makefile", Board);
        scratch.Write("tree/target/linux/ath79/generic/target.mk", Subtarget);
        scratch.Write("tree/target/linux/ath79/image/Makefile", Images);
        Directory.CreateDirectory(scratch.Path("kdir"));
        foreach (var input in Inputs) File.Copy(Path.Combine(oracle, "inputs", "kdir", input), scratch.Path("kdir/" + input));

        var run = KilnProcess.Run(scratch.Root, ["--topdir", scratch.Top, "image", "--target", "ath79/generic", "--profile", "8dev_carambola2", "--kdir", scratch.Path("kdir")], TimeSpan.FromMinutes(3),
            environment: new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1700000000", ["TZ"] = "UTC" });
        Assert.True(run.Status == 0, run.ToString());

        var expected = File.ReadAllLines(Path.Combine(oracle, "images.sha256")).Select(l => l.Split("  "))
            .Where(f => f[2].Contains("8dev_carambola2", StringComparison.Ordinal)).ToDictionary(f => f[2], f => f[0]);
        Assert.Equal(2, expected.Count);
        foreach (var (name, sha256) in expected)
        {
            var made = Path.Combine(scratch.Top, "bin", "targets", "ath79", "generic", name);
            Assert.True(File.Exists(made), $"{name} was not made:\n{run}");
            Assert.True(sha256 == Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(made))), $"{name} differs from OpenWrt's");
        }
    }

    /// <summary>The oracle beside the repository (../shared/oracle), where CI and development machines have it.</summary>
    private static string OracleDirectory() =>
        Path.Combine(KilnProcess.RepositoryRoot, "..", "shared", "oracle", "images-built", "ath79-generic");
}
