using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace Kiln.Cli.Tests;

/// <summary>
/// The example tree built for the Malta board and the PC with their images (<c>kiln build --target
/// T --kernel K</c>, Debian's kernels as scripts/fetch-kernels leaves them), plus small packages that
/// go wrong in an image: a conflict, a file two packages own, a postinst that fails.
/// </summary>
public sealed class FirmwareTrees : IDisposable
{
    public const string Malta = "malta/le";
    public const string Pc = "pc/generic";
    /// <summary>Malta again, with a router's device (uImage kernel, sysupgrade tar, metadata) instead of the legacy images' hooks alone.</summary>
    public const string Router = "malta/router";
    public static readonly string[] Spoilers = ["conflict-a", "conflict-b", "clash-a", "clash-b", "bad-postinst"];

    public FirmwareTrees()
    {
        Scratch = new Scratch(withTree: true);
        Scratch.AddPackage("conflict-a", variable: "  CONFLICTS:=conflict-b");
        Scratch.AddPackage("conflict-b");
        foreach (var name in new[] { "clash-a", "clash-b" })
            Scratch.AddPackage(name, body: $"define Package/{name}/install\n\t$(INSTALL_DIR) $(1)/etc\n\techo {name} > $(1)/etc/clash.conf\nendef\n");
        Scratch.AddPackage("bad-postinst",
            body: "define Package/bad-postinst/postinst\n#!/bin/sh\necho 'setting up went wrong' >&2\nexit 3\nendef\n");
        Build(Scratch, Malta);
        Build(Scratch, Pc);
        Run(Scratch, ["build", "--target", Malta, .. Spoilers], TimeSpan.FromMinutes(5));
        _router = new Lazy<KilnRun>(() => Run(Scratch, ["build", "--target", Router, "--kernel", Kernel(Malta)], TimeSpan.FromMinutes(5)));
    }

    public Scratch Scratch { get; }

    private readonly Lazy<KilnRun> _router;

    /// <summary>The router subtarget built (its packages are Malta's, already built; its target packages and images are its own).</summary>
    public KilnRun RouterBuild => _router.Value;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<KilnRun>> _testImages = new();

    /// <summary>
    /// <c>kiln test-image TARGET</c>, run once for the tests that look at what it showed. QEMU emulates the PC's CPU: decompressing
    /// Debian's kernel alone took from 7 to 35 s here, as busy as the other tests kept the machine, so each boot is given 5 minutes.
    /// </summary>
    public KilnRun TestImage(string target) => _testImages.GetOrAdd(target, _ => new(() =>
        KilnProcess.Run(Scratch.Root, ["--topdir", Scratch.Top, "test-image", target, "--timeout", "300"], TimeSpan.FromMinutes(12)))).Value;

    public static string Kernels => Environment.GetEnvironmentVariable("KILN_KERNELS")
        ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".cache"),
            "kiln", "kernels");

    public static string Kernel(string target) => Path.Combine(Kernels, target == Malta ? "malta-le/vmlinux" : "x86-64/bzImage");

    /// <summary>The whole build: packages, then images.</summary>
    public static KilnRun Build(Scratch scratch, string target) =>
        Run(scratch, ["build", "--target", target, "--kernel", Kernel(target)], TimeSpan.FromMinutes(8));

    public static KilnRun Run(Scratch scratch, string[] arguments, TimeSpan timeout)
    {
        var run = KilnProcess.Run(scratch.Root, ["--topdir", scratch.Top, .. arguments], timeout);
        if (run.Status != 0) throw new InvalidOperationException("kiln failed:\n" + run);
        return run;
    }

    /// <summary>Every file under bin/targets/TARGET with its sha256.</summary>
    public static SortedDictionary<string, string> Images(string top, string target) => Files(Path.Combine(top, "bin", "targets", target));

    /// <summary>Every file below a directory (relative to it) with its sha256.</summary>
    public static SortedDictionary<string, string> Files(string directory)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(directory, file)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        return files;
    }

    public void Dispose() => Scratch.Dispose();
}

public sealed partial class FirmwareTests(FirmwareTrees trees) : IClassFixture<FirmwareTrees>
{
    private string Top => trees.Scratch.Top;

    private KilnRun Kiln(params string[] arguments) => KilnProcess.Run(trees.Scratch.Root, ["--topdir", Top, .. arguments], TimeSpan.FromMinutes(2));

    [Theory]
    [InlineData(FirmwareTrees.Malta, "openwrt-malta-le")]
    [InlineData(FirmwareTrees.Pc, "openwrt-pc-generic")]
    public void TheImageBootsInQemuAndItsInitFindsWhatTheImageStagePutThere(string target, string prefix)
    {
        var run = trees.TestImage(target);
        Assert.True(run.Status == 0, run.ToString());
        // The PC boots twice: its initramfs with the kernel, and its combined disk image.
        var boots = run.Stderr.Split('\n').Count(l => l.StartsWith("kiln: booting ", StringComparison.Ordinal));
        Assert.Equal(target == FirmwareTrees.Pc ? 2 : 1, boots);
        var console = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("bootcheck: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            "bootcheck: running as init (PID 1)",
            "bootcheck: /dev/console: character device 5:1",
            "bootcheck: /etc/config/bootcheck: config bootcheck 'main'",
            "bootcheck: postinst marker /etc/bootcheck.postinst: bootcheck postinst ran",
            "bootcheck: user bootcheck (4242) is in /etc/passwd",
            "bootcheck: group bootcheck (4242) is in /etc/group",
        ], console.Take(6));
        Assert.Matches("^bootcheck: packages: (?=.*\\bbase-files\\b)(?=.*\\bbootcheck\\b)(?=.*\\bgreeter\\b)(?=.*\\blibgreet1\\b)(?=.*\\blibc\\b)",
            console[6]);
        Assert.Equal("bootcheck: all checks passed", console[^1]);
        Assert.Contains("the system powered off", run.Stderr);
        Assert.Contains($"{prefix}-rootfs-ext4.img.gz, {prefix}-rootfs-squashfs.img.gz hold the staged root", run.Stderr);
    }

    [Fact]
    public void ThePcsCombinedDiskImageBootsThroughTheBiosAndGrubToItsInit()
    {
        const string name = "openwrt-pc-generic-squashfs-combined.img.gz";
        var bin = Path.Combine(Top, "bin", "targets", FirmwareTrees.Pc);
        Assert.Contains($" *{name}", File.ReadAllText(Path.Combine(bin, "sha256sums")));

        // OpenWrt's layout: the boot partition (16 MiB, bootable) and the root partition (104 MiB), 256 KiB aligned, grub before them.
        var disk = trees.Scratch.Path("combined.img");
        using (var input = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(bin, name)), System.IO.Compression.CompressionMode.Decompress))
        using (var output = File.Create(disk))
            input.CopyTo(output);
        var table = Process.Start(new ProcessStartInfo("sfdisk", ["-J", disk]) { RedirectStandardOutput = true })!;
        using var layout = JsonDocument.Parse(table.StandardOutput.ReadToEnd());
        table.WaitForExit();
        File.Delete(disk);
        var partitions = layout.RootElement.GetProperty("partitiontable").GetProperty("partitions").EnumerateArray()
            .Select(p => (p.GetProperty("start").GetInt64(), p.GetProperty("size").GetInt64(), p.TryGetProperty("bootable", out var b) && b.GetBoolean()))
            .ToList();
        Assert.Equal([(512L, 16L * 2048, true), (512L + 16 * 2048, 104L * 2048, false)], partitions);

        var run = trees.TestImage(FirmwareTrees.Pc);
        Assert.True(run.Status == 0, run.ToString());
        var console = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var booting = Array.FindIndex(console, l => l.Contains("Booting `Kiln example'", StringComparison.Ordinal));
        Assert.True(booting > 0, "grub never booted its entry:\n" + run.Stdout);
        Assert.Contains("Booting from Hard Disk...", console[..booting]);
        Assert.Contains(console[..booting], l => l.StartsWith("GRUB loading", StringComparison.Ordinal));
        // After grub: the kernel, with the command line grub gave it, and the init from the disk's boot partition.
        var after = console[booting..];
        Assert.Contains(after, l => l.Contains("Kernel command line: BOOT_IMAGE=/boot/vmlinuz root=PARTUUID=", StringComparison.Ordinal));
        Assert.Contains("bootcheck: all checks passed", after);
        Assert.Matches(
            $"(?m)^kiln: {System.Text.RegularExpressions.Regex.Escape(name)} \\(BIOS\\): [0-9.]+ s: the kernel ran /sbin/init and the system powered off " +
            "\\(firmware: SeaBIOS [^;]*; boot loader: GRUB; boot loader: booting `Kiln example'; kernel: Linux [^;]*; kernel: command line [^;]*; " +
            "init: the kernel ran /sbin/init; the system powered off\\)$",
            run.Stderr);
        Assert.Contains($"{name} (root partition)", run.Stderr);
    }

    [Theory]
    [InlineData(FirmwareTrees.Malta, "openwrt-malta-le", "vmlinux.elf")]
    [InlineData(FirmwareTrees.Pc, "openwrt-pc-generic", "kernel.bin")]
    public void TheOutputsAreLaidOutAsOpenWrtsWithChecksumsProfilesAndManifest(string target, string prefix, string kernel)
    {
        var bin = Path.Combine(Top, "bin", "targets", target);
        var names = Directory.GetFiles(bin).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Superset(new HashSet<string?>([$"{prefix}-{kernel}", $"{prefix}-rootfs-ext4.img.gz", $"{prefix}-rootfs-squashfs.img.gz",
            $"{prefix}-rootfs.cpio.gz", $"{prefix}-rootfs.tar.gz", $"{prefix}.manifest", "profiles.json", "sha256sums", "version.buildinfo"]),
            names.ToHashSet());
        var check = Process.Start(
            new ProcessStartInfo("sha256sum", "-c --strict sha256sums") { WorkingDirectory = bin, RedirectStandardOutput = true })!;
        check.StandardOutput.ReadToEnd();
        check.WaitForExit();
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("bootcheck - 1\n", File.ReadAllText(Path.Combine(bin, prefix + ".manifest")));
        // What a whole build records of itself; the example tree is no git checkout and has no feeds.conf.
        Assert.Equal("unknown\n", File.ReadAllText(Path.Combine(bin, "version.buildinfo")));
        Assert.DoesNotContain("feeds.buildinfo", names);

        using var profiles = JsonDocument.Parse(File.ReadAllText(Path.Combine(bin, "profiles.json")));
        Assert.Equal(target, profiles.RootElement.GetProperty("target").GetString());
        var images = profiles.RootElement.GetProperty("profiles").GetProperty("generic").GetProperty("images").EnumerateArray()
            .ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("sha256").GetString());
        var sums = File.ReadAllLines(Path.Combine(bin, "sha256sums")).ToDictionary(l => l[66..], l => l[..64]);
        Assert.Contains($"{prefix}-rootfs-squashfs.img.gz", images.Keys);
        Assert.All(images, image => Assert.Equal(sums[image.Key], image.Value));
    }

    [Fact]
    public void TwoCleanBuildsGiveByteIdenticalImages()
    {
        using var second = new Scratch(withTree: true);
        FirmwareTrees.Build(second, FirmwareTrees.Malta);
        var first = FirmwareTrees.Images(Top, FirmwareTrees.Malta);
        // The first tree also packed the spoiling packages, which the second never built.
        foreach (var spoiler in first.Keys.Where(k => k.StartsWith("packages/", StringComparison.Ordinal)).ToList()) first.Remove(spoiler);
        var again = FirmwareTrees.Images(second.Top, FirmwareTrees.Malta);
        foreach (var packed in again.Keys.Where(k => k.StartsWith("packages/", StringComparison.Ordinal)).ToList()) again.Remove(packed);
        first.Remove("sha256sums");
        again.Remove("sha256sums");
        Assert.Equal(first, again);
    }

    public static TheoryData<string, string[], string> Refusals => new()
    {
        { "a package no feed has", ["--packages", "nosuch"], "package nosuch (requested by --packages) is in no feed" },
        { "conflicting packages", ["--packages", "conflict-a conflict-b"], "conflict-b" },
        { "two packages owning one file", ["--packages", "clash-a clash-b"], "/etc/clash.conf" },
        { "a postinst that fails", ["--packages", "bad-postinst"], "setting up went wrong" },
        { "a kernel for another architecture", ["--kernel", "/bin/true"], "a kernel for x86_64, but the target's architecture is mipsel" },
        { "a kernel that is no file", ["--kernel", "/nonexistent/vmlinux"], "/nonexistent/vmlinux: no such file" },
        { "--only-packages without a list", ["--only-packages"], "--only-packages needs --packages" },
        { "a feed that does not exist", ["--feed", "/nonexistent/feed"], "--feed /nonexistent/feed: no such directory" },
        { "a feed that is a file", ["--feed", "/bin/true"], "--feed /bin/true: is a file, not a feed directory" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void AnImageThatCannotBeMadeIsOneMessageAndLeavesTheImagesAsTheyWere(string what, string[] options, string message)
    {
        var before = FirmwareTrees.Images(Top, FirmwareTrees.Malta);
        string[] kernel = options.Contains("--kernel") ? [] : ["--kernel", FirmwareTrees.Kernel(FirmwareTrees.Malta)];
        var run = Kiln(["image", "--target", FirmwareTrees.Malta, .. kernel, .. options]);
        Assert.True(run.Status == 2, $"{what}: {run}");
        Assert.Contains(message, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal(before, FirmwareTrees.Images(Top, FirmwareTrees.Malta));
    }

    [Fact]
    public void ARootThatOutgrowsItsPartitionIsRefused()
    {
        var options = trees.Scratch.Path("tree/config/Config-images.in");
        var text = File.ReadAllText(options);
        var before = FirmwareTrees.Images(Top, FirmwareTrees.Malta);
        try
        {
            // The target's defaults with a 1 MiB root partition.
            File.WriteAllText(options, text.Replace("\t\tdefault 104\n", "\t\tdefault 1\n", StringComparison.Ordinal));
            var run = Kiln("image", "--target", FirmwareTrees.Malta, "--rootfs-only");
            Assert.True(run.Status == 2, run.ToString());
            Assert.Contains("does not fit", run.Stderr);
            Assert.Contains("CONFIG_TARGET_ROOTFS_PARTSIZE=1", run.Stderr);
            Assert.Equal(before, FirmwareTrees.Images(Top, FirmwareTrees.Malta));
        }
        finally
        {
            File.WriteAllText(options, text);
        }
    }

    [Fact]
    public void ADirectoryWhereAnImageBelongsStopsTheBuildBeforeAnyImageMoves()
    {
        var bin = Path.Combine(Top, "bin", "targets", FirmwareTrees.Malta);
        var image = Path.Combine(bin, "openwrt-malta-le-rootfs.tar.gz");
        var aside = image + ".aside";
        var before = FirmwareTrees.Images(Top, FirmwareTrees.Malta);
        File.Move(image, aside);
        try
        {
            Directory.CreateDirectory(image);
            File.SetLastWriteTimeUtc(Path.Combine(bin, "openwrt-malta-le-rootfs-ext4.img.gz"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            var run = Kiln("image", "--target", FirmwareTrees.Malta, "--kernel", FirmwareTrees.Kernel(FirmwareTrees.Malta));
            Assert.True(run.Status == 2, run.ToString());
            Assert.Contains($"{image}: is a directory, where an image file belongs", run.Stderr);
            // Nothing was moved in: not even the images sorted before it.
            Assert.Equal(new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                File.GetLastWriteTimeUtc(Path.Combine(bin, "openwrt-malta-le-rootfs-ext4.img.gz")));
        }
        finally
        {
            Directory.Delete(image);
            File.Move(aside, image);
        }
        Assert.Equal(before, FirmwareTrees.Images(Top, FirmwareTrees.Malta));
    }

    [Fact]
    public void TestImageSaysWhatIsMissing()
    {
        var none = Kiln("test-image", "demo/small");
        Assert.Equal(2, none.Status);
        Assert.Contains("no images of demo/small", none.Stderr);
        var zero = Kiln("test-image", FirmwareTrees.Malta, "--timeout", "0");
        Assert.Equal(2, zero.Status);
        Assert.Contains("--timeout 0", zero.Stderr);
        var junk = Kiln("test-image", FirmwareTrees.Malta, "--kernel", "/bin/true");
        Assert.Equal(2, junk.Status);
        Assert.Contains("/bin/true: a kernel for x86_64, but the target's architecture is mipsel", junk.Stderr);
    }
}

/// <summary>Image commands on a fresh copy of the example tree, where nothing is built yet.</summary>
public sealed class ImageBadInputTests
{
    private static readonly BadInput[] Cases =
    [
        new("image before anything is built",
            BadInput.InTree("image", "--target", FirmwareTrees.Malta, "--kernel", FirmwareTrees.Kernel(FirmwareTrees.Malta)))
        {
            Mentions = _ => "build them first",
            MayWrite = Writes.Build,
        },
        new("image of a target the tree does not have", BadInput.InTree("image", "--target", "nosuch/board", "--rootfs-only"))
        {
            Mentions = _ => "nosuch/board",
            MayWrite = Writes.Scan,
        },
        new("image without a kernel", BadInput.InTree("image", "--target", FirmwareTrees.Malta))
        {
            Mentions = _ => "need a built kernel: give --kernel FILE",
            MayWrite = Writes.Build,
        },
        new("test-image of a tree without images", BadInput.InTree("test-image", FirmwareTrees.Malta))
        {
            Mentions = _ => "no images of malta/le",
            MayWrite = Writes.Scan,
        },
    ];

    public static TheoryData<string> Names => BadInput.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public void IsOneMessageAndWritesNothingElse(string name) => BadInput.Check(Cases, name);
}
