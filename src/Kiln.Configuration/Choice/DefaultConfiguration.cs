using System.Text;
using Kiln.Configuration.Kconfig;
using Kiln.OpenWrt.Configuration;
using Kiln.Targets.Model;

namespace Kiln.Configuration.Choice;

/// <summary>
/// The .config a build of one subtarget has when nobody configured it: the subtarget selected
/// with all its device profiles (as OpenWrt's multi-profile build with "all profiles"), its
/// features turned into the symbols OpenWrt's target metadata selects, and every other symbol of
/// the tree's Config.in at its Kconfig default.
/// </summary>
public static class DefaultConfiguration
{
    /// <param name="shell">What runs the $(shell,...) commands of the tree's Config.in files.</param>
    public static DotConfig For(string topDirectory, Target board, Target target, KconfigShell shell)
    {
        var given = TargetSymbols(board, target);
        // The target menu OpenWrt generates into tmp/.config-target.in, reduced to what the tree's own
        // Config.in files name: the subtarget's symbols as given values and one symbol per device.
        var kconfig = new StringBuilder(DeviceKconfig(target));
        foreach (var (name, value) in given)
            kconfig.Append(value is "y" or "n" ? $"config {name}\n\tbool\n\tdefault {value}\n" : $"config {name}\n\tstring\n\tdefault \"{value}\"\n");
        var generated = KconfigSourceOverrides.ForOpenWrtTree();
        generated.Add("tmp/.config-target.in", kconfig.ToString());
        // OpenWrt's Config.in reads the generated target menu (through target/Config.in); a tree whose Config.in files
        // do not (a small test tree) gets it read first.
        var tree = File.Exists(Path.Combine(topDirectory, "Config.in")) ? KconfigTree.Load(topDirectory, "Config.in", generated, shell) : null;
        if (tree is null || !generated.WasRead("tmp/.config-target.in"))
            tree = KconfigTree.Parse("source \"tmp/.config-target.in\"\nsource \"Config.in\"\n", "(target " + target.Id + ")", topDirectory, generated, shell);
        var evaluator = new KconfigEvaluator(tree);
        KconfigConf.Complete(evaluator, ConfMode.Defconfig, "", "(target " + target.Id + ")");
        return DotConfig.Parse(ConfigFileWriter.Write(evaluator));
    }

    /// <summary>What OpenWrt's generated target menu sets for the chosen subtarget.</summary>
    private static Dictionary<string, string> TargetSymbols(Target board, Target target)
    {
        var symbols = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HAVE_DOT_CONFIG"] = "y",
            ["TARGET_" + DotConfig.TargetSymbol(board.Board)] = "y",
            ["TARGET_BOARD"] = target.Board,
            ["TARGET_SUBTARGET"] = target.Subtarget ?? "generic",
            ["TARGET_ARCH_PACKAGES"] = target.ArchPackages,
            ["TARGET_OPTIMIZATION"] = target.Optimization,
            ["CPU_TYPE"] = target.CpuType.Split('+')[0],
            ["ARCH"] = target.Arch,
            [target.Arch] = "y",
            ["TARGET_MULTI_PROFILE"] = "y",
            ["TARGET_ALL_PROFILES"] = "y",
            ["TARGET_PER_DEVICE_ROOTFS"] = "n",
        };
        if (target.Subtarget is not null)
        {
            symbols["TARGET_" + DotConfig.TargetSymbol(target.Id)] = "y";
            symbols["HAS_SUBTARGETS"] = "y";
        }
        if (target.Devices.Any()) symbols["HAS_DEVICES"] = "y";
        var version = target.LinuxVersion.Split('.');
        if (version.Length >= 2) symbols[$"LINUX_{version[0]}_{version[1]}"] = "y";
        foreach (var feature in target.Features)
            foreach (var symbol in FeatureSymbols(feature))
                symbols[symbol] = "y";
        return symbols;
    }

    /// <summary>The symbols a target feature selects (OpenWrt's target metadata).</summary>
    private static string[] FeatureSymbols(string feature) => feature switch
    {
        "audio" => ["AUDIO_SUPPORT"],
        "boot-part" => ["USES_BOOT_PART"],
        "cpiogz" => ["USES_CPIOGZ"],
        "display" => ["DISPLAY_SUPPORT"],
        "dt" => ["USES_DEVICETREE"],
        "dt-overlay" => ["HAS_DT_OVERLAY_SUPPORT"],
        "emmc" => ["EMMC_SUPPORT"],
        "ext4" => ["USES_EXT4"],
        "fpu" => ["HAS_FPU"],
        "gpio" => ["GPIO_SUPPORT"],
        "jffs2" => ["USES_JFFS2"],
        "jffs2_nand" => ["USES_JFFS2_NAND"],
        "legacy-sdcard" => ["LEGACY_SDCARD_SUPPORT"],
        "low_mem" => ["LOW_MEMORY_FOOTPRINT"],
        "minor" => ["USES_MINOR"],
        "mips16" => ["HAS_MIPS16"],
        "nand" => ["NAND_SUPPORT"],
        "nommu" => ["NOMMU"],
        "pci" => ["PCI_SUPPORT"],
        "pcie" => ["PCIE_SUPPORT"],
        "pcmcia" => ["PCMCIA_SUPPORT"],
        "powerpc64" => ["powerpc64"],
        "pwm" => ["PWM_SUPPORT"],
        "ramdisk" => ["USES_INITRAMFS"],
        "rfkill" => ["RFKILL_SUPPORT"],
        "rootfs-part" => ["USES_ROOTFS_PART"],
        "rtc" => ["RTC_SUPPORT"],
        "separate_ramdisk" => ["USES_INITRAMFS", "USES_SEPARATE_INITRAMFS"],
        "small_flash" => ["SMALL_FLASH"],
        "spe_fpu" => ["HAS_SPE_FPU"],
        "squashfs" => ["USES_SQUASHFS"],
        "targz" => ["USES_TARGZ"],
        "testing-kernel" => ["HAS_TESTING_KERNEL"],
        "ubifs" => ["USES_UBIFS"],
        "usb" => ["USB_SUPPORT"],
        "usbgadget" => ["USB_GADGET_SUPPORT"],
        "virtio" => ["VIRTIO_SUPPORT"],
        _ when feature.StartsWith("arm_v", StringComparison.Ordinal) => [feature],
        _ => [],
    };

    /// <summary>One symbol per device, defaulting as OpenWrt's target menu has it (on with all profiles, unless the device says otherwise or is
    /// broken).</summary>
    private static string DeviceKconfig(Target target)
    {
        var text = new System.Text.StringBuilder();
        foreach (var device in target.Devices)
        {
            text.Append($"config TARGET_DEVICE_{DotConfig.TargetSymbol(target.Id)}_{device.Id}\n\tbool\n\tdepends on " +
                $"TARGET_{DotConfig.TargetSymbol(target.Id)}\n");
            text.Append($"\tdefault {(device.Broken is not null ? "n" : device.Default ?? "y if TARGET_ALL_PROFILES")}\n");
        }
        return text.ToString();
    }
}
