using System.Text;
using Kiln.Targets.Model;

namespace Kiln.Configuration.Generators;

/// <summary>
/// tmp/.config-target.in: the target, subtarget and profile choices, the device menus and the target's string symbols that
/// OpenWrt's <c>target-metadata.pl config</c> prints from tmp/.targetinfo, byte for byte, from Kiln's targets.
/// </summary>
public static class TargetKconfig
{
    /// <summary>The symbol each target feature selects (or, for "broken", depends on), in the script's order of checks.</summary>
    private static readonly Dictionary<string, string> FeatureLines = new(StringComparer.Ordinal)
    {
        ["audio"] = "\tselect AUDIO_SUPPORT\n",
        ["boot-part"] = "\tselect USES_BOOT_PART\n",
        ["broken"] = "\tdepends on BROKEN\n",
        ["cpiogz"] = "\tselect USES_CPIOGZ\n",
        ["display"] = "\tselect DISPLAY_SUPPORT\n",
        ["dt"] = "\tselect USES_DEVICETREE\n",
        ["dt-overlay"] = "\tselect HAS_DT_OVERLAY_SUPPORT\n",
        ["emmc"] = "\tselect EMMC_SUPPORT\n",
        ["ext4"] = "\tselect USES_EXT4\n",
        ["fpu"] = "\tselect HAS_FPU\n",
        ["gpio"] = "\tselect GPIO_SUPPORT\n",
        ["jffs2"] = "\tselect USES_JFFS2\n",
        ["jffs2_nand"] = "\tselect USES_JFFS2_NAND\n",
        ["legacy-sdcard"] = "\tselect LEGACY_SDCARD_SUPPORT\n",
        ["low_mem"] = "\tselect LOW_MEMORY_FOOTPRINT\n",
        ["minor"] = "\tselect USES_MINOR\n",
        ["mips16"] = "\tselect HAS_MIPS16\n",
        ["nand"] = "\tselect NAND_SUPPORT\n",
        ["nommu"] = "\tselect NOMMU\n",
        ["pci"] = "\tselect PCI_SUPPORT\n",
        ["pcie"] = "\tselect PCIE_SUPPORT\n",
        ["pcmcia"] = "\tselect PCMCIA_SUPPORT\n",
        ["powerpc64"] = "\tselect powerpc64\n",
        // The script writes "\select" here, which Perl reads as "select": this line has no tab.
        ["pwm"] = "select PWM_SUPPORT\n",
        ["ramdisk"] = "\tselect USES_INITRAMFS\n",
        ["rfkill"] = "\tselect RFKILL_SUPPORT\n",
        ["rootfs-part"] = "\tselect USES_ROOTFS_PART\n",
        ["rtc"] = "\tselect RTC_SUPPORT\n",
        ["separate_ramdisk"] = "\tselect USES_INITRAMFS\n\tselect USES_SEPARATE_INITRAMFS\n",
        ["small_flash"] = "\tselect SMALL_FLASH\n",
        ["spe_fpu"] = "\tselect HAS_SPE_FPU\n",
        ["squashfs"] = "\tselect USES_SQUASHFS\n",
        ["targz"] = "\tselect USES_TARGZ\n",
        ["testing-kernel"] = "\tselect HAS_TESTING_KERNEL\n",
        ["ubifs"] = "\tselect USES_UBIFS\n",
        ["usb"] = "\tselect USB_SUPPORT\n",
        ["usbgadget"] = "\tselect USB_GADGET_SUPPORT\n",
        ["virtio"] = "\tselect VIRTIO_SUPPORT\n",
    };

    private const string PerDeviceRootfsHelp =
        "\t\tWhen disabled, all device packages from all selected devices\n" +
        "\t\twill be included in all images by default. (Marked as <*>) You will\n" +
        "\t\tstill be able to manually deselect any/all packages.\n" +
        "\t\tWhen enabled, each device builds it's own image, including only the\n" +
        "\t\tprofile packages for that device.  (Marked as {M}) You will be able\n" +
        "\t\tto change a package to included in all images by marking as {*}, but\n" +
        "\t\twill not be able to disable a profile package completely.\n" +
        "\t\t\n" +
        "\t\tTo get the most use of this setting, you must set in a .config stub\n" +
        "\t\tbefore calling \"make defconfig\".  Selecting TARGET_MULTI_PROFILE and\n" +
        "\t\tthen manually selecting (via menuconfig for instance) this option\n" +
        "\t\twill have pre-defaulted all profile packages to included, making this\n" +
        "\t\toption appear to have had no effect.\n";

    /// <summary>A target as the script sees it: its symbol, its subtargets' names and its profiles (sorted, or the one "Default").</summary>
    private sealed record Entry(Target Target, string Symbol, string BoardSymbol, Entry? Parent, List<string> Subtargets)
    {
        public List<Profile> Profiles { get; set; } = [];
        public bool HasSubtargets => Subtargets.Count > 0;
        public string MenuName => Parent is null ? Printed(Target.Name) : Printed(Parent.Target.Name) + " - " + Printed(Target.Name);
        public string Board => Target.Id.Split('/')[0];
    }

    private sealed record Profile(string Id, string Name, IReadOnlyList<string> Packages, bool Broken, string Default, string Description);

    /// <param name="targets">Every board and subtarget in tmp/.targetinfo's order (a board before its subtargets).</param>
    public static string Generate(IReadOnlyList<Target> targets)
    {
        var entries = Entries(targets);
        var text = new StringBuilder();
        var defaults = new SortedSet<string>(StringComparer.Ordinal);
        var byName = PerlSort.Sort(entries, (a, b) => string.CompareOrdinal(a.MenuName, b.MenuName));

        foreach (var entry in byName)
        {
            if (entry.HasSubtargets) continue;
            text.Append($"config DEFAULT_TARGET_{entry.Symbol}\n\tbool\n\tdepends on TARGET_PER_DEVICE_ROOTFS\n\tdefault y if TARGET_{entry.Symbol}\n");
            foreach (var package in entry.Target.DefaultPackages) text.Append($"\tselect DEFAULT_{package} if TARGET_PER_DEVICE_ROOTFS\n");
        }

        text.Append("choice\n\tprompt \"Target System\"\n\tdefault TARGET_ath79\n\treset if !DEVEL\n\t\n");
        foreach (var entry in byName)
            if (entry.Parent is null) WriteTarget(text, entry);
        text.Append("endchoice\n\nchoice\n\tprompt \"Subtarget\" if HAS_SUBTARGETS\n");
        foreach (var entry in entries)
            if (PerlText.IsTrue(entry.Target.DefaultSubtarget))
                text.Append($"\tdefault TARGET_{entry.Symbol}_{entry.Target.DefaultSubtarget} if TARGET_{entry.Symbol}\n");
        text.Append('\n');
        foreach (var entry in entries)
            if (entry.Parent is not null) WriteTarget(text, entry);

        text.Append("endchoice\n\nchoice\n\tprompt \"Target Profile\"\n\tdefault TARGET_MULTI_PROFILE if BUILDBOT\n\n");
        foreach (var entry in entries)
            if (entry.Profiles.Count > 0)
                text.Append($"\tdefault TARGET_{entry.Symbol}_{entry.Profiles[0].Id} if TARGET_{entry.Symbol} && !BUILDBOT\n");
        text.Append("\nconfig TARGET_MULTI_PROFILE\n\tbool \"Multiple devices\"\n\tdepends on HAS_DEVICES\n\thelp\n" +
            "\tInstead of only building a single image, or all images, this allows you\n" +
            "\tto select images to be built for multiple devices in one build.\n\n");
        foreach (var entry in entries)
        foreach (var profile in entry.Profiles)
        {
            text.Append($"config TARGET_{entry.Symbol}_{profile.Id}\n\tbool \"{profile.Name}\"\n\tdepends on TARGET_{entry.Symbol}\n");
            if (profile.Broken) text.Append("\tdepends on BROKEN\n");
            foreach (var package in PackageList(entry.Target.DefaultPackages, profile.Packages))
            {
                text.Append($"\tselect DEFAULT_{package}\n");
                defaults.Add(package);
            }
            if (PerlText.IndentedHelp(profile.Description) is { } help) text.Append("\thelp\n").Append(help);
            text.Append('\n');
        }

        text.Append("endchoice\n\nmenu \"Target Devices\"\n\tdepends on TARGET_MULTI_PROFILE\n\n" +
            "\tconfig TARGET_ALL_PROFILES\n\t\tbool \"Enable all profiles by default\"\n\t\tdefault BUILDBOT\n\n" +
            "\tconfig TARGET_PER_DEVICE_ROOTFS\n\t\tbool \"Use a per-device root filesystem that adds profile packages\"\n" +
            "\t\tdefault BUILDBOT\n\t\thelp\n" + PerDeviceRootfsHelp + "\n");
        foreach (var entry in entries)
        foreach (var profile in PerlSort.Sort(entry.Profiles, (a, b) => string.CompareOrdinal(Lower(a.Name), Lower(b.Name))))
        {
            if (!profile.Id.StartsWith("DEVICE_", StringComparison.Ordinal)) continue;
            var device = $"TARGET_DEVICE_{entry.Symbol}_{profile.Id}";
            text.Append($"menuconfig {device}\n\tbool \"{profile.Name}\"\n\tdepends on TARGET_{entry.Symbol}\n\tdefault {profile.Default}\n");
            if (profile.Broken) text.Append("\tdepends on BROKEN\n");
            foreach (var package in PackageList(entry.Target.DefaultPackages, profile.Packages))
            {
                text.Append($"\tselect DEFAULT_{package} if !TARGET_PER_DEVICE_ROOTFS\n\tselect MODULE_DEFAULT_{package} if TARGET_PER_DEVICE_ROOTFS\n");
                defaults.Add(package);
            }
            text.Append($"\n\n\tconfig TARGET_DEVICE_PACKAGES_{entry.Symbol}_{profile.Id}\n\t\tstring \"{profile.Name} additional packages\"\n" +
                $"\t\tdefault \"\"\n\t\tdepends on TARGET_PER_DEVICE_ROOTFS\n\t\tdepends on {device}\n\n");
        }

        text.Append("\nendmenu\n\nconfig HAS_SUBTARGETS\n\tbool\n\nconfig HAS_DEVICES\n\tbool\n\nconfig TARGET_BOARD\n\tstring\n\n");
        foreach (var entry in entries)
            if (entry.Parent is null) text.Append($"\t\tdefault \"{entry.Board}\" if TARGET_{entry.Symbol}\n");
        text.Append("config TARGET_SUBTARGET\n\tstring\n\tdefault \"generic\" if !HAS_SUBTARGETS\n\n");
        foreach (var entry in entries)
        foreach (var subtarget in entry.Subtargets)
            text.Append($"\t\tdefault \"{subtarget}\" if TARGET_{entry.Symbol}_{subtarget}\n");
        text.Append("config TARGET_PROFILE\n\tstring\n");
        foreach (var entry in entries)
        foreach (var profile in entry.Profiles)
            text.Append($"\tdefault \"{profile.Id}\" if TARGET_{entry.Symbol}_{profile.Id}\n");

        text.Append("\nconfig TARGET_ARCH_PACKAGES\n\tstring\n\t\n");
        foreach (var entry in entries)
            if (!entry.HasSubtargets)
                text.Append($"\t\tdefault \"{(PerlText.IsTrue(Printed(entry.Target.ArchPackages)) ? Printed(entry.Target.ArchPackages) : entry.Board)}\" if TARGET_{entry.Symbol}\n");
        text.Append("\nconfig DEFAULT_TARGET_OPTIMIZATION\n\tstring\n");
        foreach (var entry in entries)
            if (!entry.HasSubtargets) text.Append($"\tdefault \"{Printed(entry.Target.Optimization)}\" if TARGET_{entry.Symbol}\n");
        text.Append("\tdefault \"-Os -pipe -funit-at-a-time\"\n\nconfig CPU_TYPE\n\tstring\n");
        foreach (var entry in entries)
            if (!entry.HasSubtargets) text.Append($"\tdefault \"{Printed(entry.Target.CpuType)}\" if TARGET_{entry.Symbol}\n");
        text.Append("\tdefault \"\"\n");

        var kernels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        foreach (var version in (string?[])[Printed(entry.Target.LinuxVersion), entry.Target.LinuxTestingVersion])
            if (PerlText.IsTrue(version) && kernels.Add(KernelSymbol(version)))
                text.Append($"\nconfig LINUX_{KernelSymbol(version)}\n\tbool\n\n");
        foreach (var package in defaults)
            text.Append($"\tconfig DEFAULT_{package}\n\t\tbool\n\n\tconfig MODULE_DEFAULT_{package}\n\t\ttristate\n" +
                $"\t\tdepends on TARGET_PER_DEVICE_ROOTFS\n\t\tdepends on m\n\t\tdefault m if DEFAULT_{package}\n\t\tselect PACKAGE_{package}\n\n");
        return text.ToString();
    }

    private static List<Entry> Entries(IReadOnlyList<Target> targets)
    {
        var entries = new List<Entry>();
        var boards = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            var slash = target.Id.IndexOf('/');
            var parent = slash < 0 ? null : boards.GetValueOrDefault(target.Id[..slash]);
            var entry = new Entry(target, PerlText.Symbol(target.Id), PerlText.Symbol(slash < 0 ? target.Id : target.Id[..slash]), parent, []);
            parent?.Subtargets.Add(target.Id[(slash + 1)..]);
            boards[target.Id] = entry;
            entries.Add(entry);
        }
        foreach (var entry in entries)
        {
            if (entry.HasSubtargets) continue;
            var profiles = new List<(Profile Profile, int Priority)>();
            var prioritised = false;
            foreach (var profile in entry.Target.Profiles)
            {
                prioritised |= profile.Priority is not null;
                profiles.Add((new Profile(profile.Id, Printed(profile.Name), profile.Packages, PerlText.IsTrue(profile.Broken),
                    // The scan prints Broken before Default, so a Default line wins over Broken's "n".
                    profile.Default is { Length: > 0 } own ? own : PerlText.IsTrue(profile.Broken) ? "n" : "y if TARGET_ALL_PROFILES",
                    profile.Description.Length > 0 ? profile.Description + "\n" : ""), profile.Priority ?? 999));
            }
            if (profiles.Count == 0) profiles.Add((new Profile("Default", "Default", [], false, "", ""), 999));
            // One profile with a priority puts them all in priority order, then by name.
            if (prioritised)
                profiles = PerlSort.Sort(profiles, (a, b) => a.Priority.CompareTo(b.Priority) is var c && c != 0
                    ? c : string.CompareOrdinal(a.Profile.Name, b.Profile.Name));
            entry.Profiles = profiles.ConvertAll(p => p.Profile);
        }
        return entries;
    }

    private static void WriteTarget(StringBuilder text, Entry entry)
    {
        var target = entry.Target;
        text.Append($"config TARGET_{entry.Symbol}\n\tbool \"{Printed(target.Name)}\"\n");
        if (!entry.HasSubtargets)
        {
            var stable = KernelSymbol(Printed(target.LinuxVersion));
            var testing = KernelSymbol(target.LinuxTestingVersion);
            if (!PerlText.IsTrue(testing)) testing = stable;
            text.Append($"\tselect LINUX_{stable} if !TESTING_KERNEL\n\tselect LINUX_{testing} if TESTING_KERNEL\n");
        }
        if (entry.Parent is not null) text.Append($"\tdepends on TARGET_{entry.BoardSymbol}\n");
        if (entry.HasSubtargets)
        {
            text.Append("\tselect HAS_SUBTARGETS\n");
            foreach (var feature in target.Features)
                if (feature.Contains("broken", StringComparison.Ordinal)) { text.Append("\tdepends on BROKEN\n"); break; }
        }
        else
        {
            text.Append(FeatureSelects(target.Features));
            foreach (var c in target.Arch)
                if (char.IsAsciiLetterOrDigit(c) || c == '_') { text.Append($"\tselect {Printed(target.Arch)}\n"); break; }
            foreach (var profile in target.Profiles)
                if (profile.IsDevice) { text.Append("\tselect HAS_DEVICES\n"); break; }
        }
        foreach (var depend in target.Depends)
        {
            // "@SYMBOL" depends on it, "+@SYMBOL" selects it, "-@SYMBOL" deselects it; a conditional one is left out.
            var flags = 0;
            while (flags < depend.Length - 1 && depend[flags] is '@' or '+' or '-') flags++;
            var name = depend[flags..];
            var prefix = depend.AsSpan(0, flags);
            if (flags == 0 || name.Contains(':') || !prefix.Contains('@')) continue;
            var mode = prefix.Contains('+') ? "select" : prefix.Contains('-') ? "deselect" : "depends on";
            text.Append($"\t{mode} {name}\n");
        }
        text.Append(PerlText.IndentedHelp(target.Description.Length > 0 ? target.Description + "\n" : "") is { } help ? "\thelp\n" + help : "");
        text.Append("\n\n");
    }

    /// <summary>The lines of the target's features, ending in a newline even when no feature has one (an empty line then).</summary>
    private static string FeatureSelects(IReadOnlyList<string> features)
    {
        var lines = new StringBuilder();
        foreach (var feature in features)
        {
            if (feature == "0") break; // the script's loop stops at a false value
            if (feature.StartsWith("arm_v", StringComparison.Ordinal) && feature.Length > 5 && IsWord(feature.AsSpan(5)))
                lines.Append($"\tselect {feature}\n");
            else if (FeatureLines.TryGetValue(feature, out var line)) lines.Append(line);
        }
        if (lines.Length > 0 && lines[^1] == '\n') lines.Length--;
        return lines.Append('\n').ToString();
    }

    private static bool IsWord(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        return true;
    }

    /// <summary>
    /// The LINUX_ symbol of a kernel version: its first two numbers ("6.6.106" → 6_6), or three for 2.x kernels; a version without
    /// them as it is, '.' made '_'.
    /// </summary>
    private static string KernelSymbol(string? version)
    {
        var v = (version ?? "").Replace('.', '_');
        var parts = v.StartsWith("2_", StringComparison.Ordinal) ? 3 : 2;
        for (var start = 0; start < v.Length; start++)
        {
            if (!char.IsAsciiDigit(v[start]) || (start > 0 && char.IsAsciiDigit(v[start - 1]))) continue;
            // Digit runs joined by single '_': the first place where enough of them follow each other.
            var end = start;
            var found = 0;
            while (true)
            {
                var runEnd = end;
                while (runEnd < v.Length && char.IsAsciiDigit(v[runEnd])) runEnd++;
                if (runEnd == end) break;
                found++;
                end = runEnd;
                if (found == parts) return v[start..end];
                if (end + 1 >= v.Length || v[end] != '_' || !char.IsAsciiDigit(v[end + 1])) break;
                end++;
            }
        }
        return v;
    }

    /// <summary>
    /// A field the scan always prints ("KEY: VALUE"), as the script's <c>/^KEY:\s*(.+)\s*$/</c> reads it: an empty VALUE leaves the
    /// space after the colon, which it captures.
    /// </summary>
    private static string Printed(string value) => PerlText.Capture(" " + value)!;

    private static string Lower(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is >= 'A' and <= 'Z') chars[i] = (char)(chars[i] + 32);
        return new string(chars);
    }

    /// <summary>
    /// The target's and the profile's packages merged as the script merges them: "~" dropped, a "-pkg" removing pkg (and itself),
    /// sorted.
    /// </summary>
    private static List<string> PackageList(IReadOnlyList<string> targetPackages, IReadOnlyList<string> profilePackages)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in targetPackages) all.Add(package.StartsWith('~') ? package[1..] : package);
        foreach (var package in profilePackages) all.Add(package.StartsWith('~') ? package[1..] : package);
        var list = new List<string>();
        foreach (var package in all)
            if (!package.StartsWith('-') && !all.Contains("-" + package)) list.Add(package);
        list.Sort(string.CompareOrdinal);
        return list;
    }
}
