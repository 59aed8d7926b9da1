using Kiln.Images.Boot;

namespace Kiln.Images.Tests.Boot;

/// <summary>
/// The judgement of a disk boot from its console, on consoles as QEMU's PC shows them (SeaBIOS, grub, Debian's and
/// OpenWrt's kernels): which stage it reached, and why the root was not mounted.
/// </summary>
public sealed class ConsoleWatchTests
{
    private static readonly string[] ThroughGrub =
    [
        "\x1bc\x1b[?7l\x1b[2J\x1b[0mSeaBIOS (version 1.16.2-debian-1.16.2-1)",
        "Booting from Hard Disk...",
        "GRUB loading.....",
        "\x1b[0;30;47mWelcome to GRUB!",
        "\x1b[01;01H\x1b[0m\x1b[2J\x1b[H\x1b[J\x1b[1;1H  Booting `OpenWrt'",
        "[    0.000000] Linux version 6.1.0-57-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-3",
        "[    0.024115] Kernel command line: BOOT_IMAGE=/boot/vmlinuz root=PARTUUID=d9f7497c-02 rootwait console=tty1 console=ttyS0,115200n8 noinitrd",
    ];

    private static (ConsoleWatch Watch, bool Stopped) Watch(IEnumerable<string> console)
    {
        var watch = new ConsoleWatch(disk: true);
        var stopped = false;
        foreach (var raw in console)
            foreach (var line in ConsoleWatch.Pieces(raw))
                stopped |= watch.See(line);
        return (watch, stopped);
    }

    [Fact]
    public void AKernelWithoutItsDiskDriversWaitsForItsRootAndIsToldWhichDriversMustBeBuiltIn()
    {
        var (watch, _) = Watch([.. ThroughGrub, "[    2.552178] Waiting for root device PARTUUID=d9f7497c-02..."]);
        Assert.True(watch.WaitingForRoot);
        watch.GaveUpWaiting();
        var failure = watch.Failure(TimeSpan.FromSeconds(60), timedOut: false, "squashfs");
        Assert.NotNull(failure);
        Assert.Contains("the kernel waited in vain for its root PARTUUID=d9f7497c-02: it found no disk.", failure);
        Assert.Contains("needs CONFIG_ATA, CONFIG_ATA_PIIX and CONFIG_BLK_DEV_SD", failure);
        Assert.Contains("(grub passes noinitrd)", failure);
        Assert.Contains("built in (=y)", failure);
        Assert.Equal(
        [
            "firmware: SeaBIOS (version 1.16.2-debian-1.16.2-1)",
            "boot loader: GRUB",
            "boot loader: booting `OpenWrt'",
            "kernel: Linux 6.1.0-57-amd64",
            "kernel: command line BOOT_IMAGE=/boot/vmlinuz root=PARTUUID=d9f7497c-02 rootwait console=tty1 console=ttyS0,115200n8 noinitrd",
        ], watch.Stages);
    }

    [Fact]
    public void ADiskWithoutItsFileSystemDriverIsSaidAsSuchAndTheMachineStopsAfterThePanicReport()
    {
        var (watch, stopped) = Watch([
            .. ThroughGrub,
            "[    1.201455] ata1.00: ATA-7: QEMU HARDDISK, 2.5+, max UDMA/100",
            "[    1.214051] sd 0:0:0:0: [sda] 246784 512-byte logical blocks: (126 MB/121 MiB)",
            "[    1.230312]  sda: sda1 sda2",
            "[    1.402215] VFS: Cannot open root device \"PARTUUID=d9f7497c-02\" or unknown-block(8,2): error -19",
            "[    1.402900] No filesystem could mount root, tried: ",
            "[    1.403561] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(8,2)",
            "[    1.410037] ---[ end Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(8,2) ]---",
        ]);
        Assert.True(stopped);
        var failure = watch.Failure(TimeSpan.FromSeconds(60), timedOut: false, "squashfs");
        Assert.Contains("found the disk but could not mount its root PARTUUID=d9f7497c-02 (it tried: no file system at all)", failure);
        Assert.Contains("squashfs needs CONFIG_SQUASHFS built in", failure);
    }

    [Fact]
    public void AnIdeDiskWithoutTheScsiDiskDriverNamesIt()
    {
        var (watch, _) = Watch([.. ThroughGrub, "[    1.201455] ata1.00: ATA-7: QEMU HARDDISK, 2.5+, max UDMA/100",
            "[    2.552178] Waiting for root device PARTUUID=d9f7497c-02..."]);
        watch.GaveUpWaiting();
        Assert.Contains("found the IDE disk but has no disk driver for it (CONFIG_BLK_DEV_SD",
            watch.Failure(TimeSpan.FromSeconds(60), timedOut: false, "ext4"));
    }

    [Fact]
    public void AGrubThatCannotLoadTheKernelIsQuoted()
    {
        var (watch, _) = Watch([.. ThroughGrub[..5], "error: file `/boot/vmlinuz' not found.", "Press any key to continue..."]);
        Assert.Equal("grub did not start the kernel: error: file `/boot/vmlinuz' not found.",
            watch.Failure(TimeSpan.FromSeconds(30), timedOut: true, "squashfs"));
    }

    [Fact]
    public void ADiskWithoutABootLoaderStopsAtTheFirmware()
    {
        var (watch, _) = Watch(["SeaBIOS (version 1.16.2-debian-1.16.2-1)", "Booting from Hard Disk...", "Boot failed: not a bootable disk", "",
            "No bootable device."]);
        Assert.Equal("the firmware found no boot loader on the disk: Boot failed: not a bootable disk",
            watch.Failure(TimeSpan.FromSeconds(30), timedOut: true, null));
    }

    [Fact]
    public void ABootToTheInitThatPowersOffPasses()
    {
        var (watch, _) = Watch([.. ThroughGrub, "[    2.563442] Run /sbin/init as init process", "bootcheck: all checks passed",
            "[    2.664382] reboot: Power down"]);
        Assert.Null(watch.Failure(TimeSpan.FromSeconds(60), timedOut: false, "squashfs"));
        Assert.True(watch.ReachedInit);
        Assert.True(watch.PoweredOff);
        Assert.Equal(["init: the kernel ran /sbin/init", "the system powered off"], watch.Stages.TakeLast(2));
    }

    [Fact]
    public void AUefiBootNamesTheFirmwaresBootEntry()
    {
        var (watch, _) = Watch([
            "BdsDxe: loading Boot0002 \"UEFI QEMU HARDDISK QM00001 \" from PciRoot(0x0)/Pci(0x1,0x1)/Ata(Primary,Master,0x0)",
            "BdsDxe: starting Boot0002 \"UEFI QEMU HARDDISK QM00001 \" from PciRoot(0x0)/Pci(0x1,0x1)/Ata(Primary,Master,0x0)",
            "error: can't find command `search'.",
            "GNU GRUB  version 2.06-13+deb12u2",
            "  Booting `OpenWrt'  Booting `OpenWrt'",
            .. ThroughGrub[5..],
        ]);
        Assert.Equal(["firmware: UEFI, booting UEFI QEMU HARDDISK QM00001", "boot loader: GRUB", "boot loader: booting `OpenWrt'"],
            watch.Stages.Take(3));
    }

    [Fact]
    public void TerminalEscapesAndCarriageReturnsAreLeftOutOfTheLinesShown()
    {
        Assert.Equal(["Welcome to GRUB!", "  Booting `OpenWrt'"],
            ConsoleWatch.Pieces("\x1b[0;30;47mWelcome to GRUB!\r\x1b[01;01H\x1b[0m\x1b[2J  Booting `OpenWrt'\r"));
        Assert.Equal(["[    0.000000] Linux version 6.1.0"], ConsoleWatch.Pieces("[    0.000000] Linux version 6.1.0\r"));
        Assert.Equal([""], ConsoleWatch.Pieces(""));
    }
}
