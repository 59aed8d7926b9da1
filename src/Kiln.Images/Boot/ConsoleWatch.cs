using System.Text.RegularExpressions;

namespace Kiln.Images.Boot;

/// <summary>
/// Judges a boot by its serial console, line by line: the firmware and boot loader of a disk boot
/// (SeaBIOS, grub), the kernel starting, its root file system mounted, the init it runs, and what
/// stopped it. When the root was never mounted it says why from what the kernel printed: no disk
/// found at all (the disk controller's driver is not in the kernel), a disk without its disk
/// driver, or a partition no file system driver could mount.
/// </summary>
internal sealed partial class ConsoleWatch(bool disk)
{
    private static readonly string[] FailureMarks =
        ["Kernel panic", "Failed to execute", "No working init found", "Attempted to kill init", "Unable to mount root"];

    private readonly List<string> _stages = [];
    private string? _failure;
    private string? _firmware;
    private string? _firmwareFailure;
    private bool _bootLoader;
    private string? _entry;
    private string? _bootLoaderError;
    private string? _kernel;
    private string? _commandLine;
    private string? _root;
    private string? _rootMounted;
    private string? _init;
    private bool _ataDisk;
    private bool _scsiDisk;
    private bool _virtioDisk;
    private string? _triedFilesystems;
    private bool _cannotOpenRoot;

    public bool ReachedInit => _init is not null;

    public bool PoweredOff { get; private set; }

    /// <summary>The machine was stopped on purpose: the kernel's panic report was over, or it waited in vain for its root device.</summary>
    public bool Ended { get; private set; }

    /// <summary>The kernel waits (rootwait) for its root device, which only a driver it lacks would bring.</summary>
    public bool WaitingForRoot => _root is not null && _rootMounted is null && _init is null && !_cannotOpenRoot;

    public IReadOnlyList<string> Stages => _stages;

    /// <summary>The console's lines as a person reads them: terminal escapes gone, each carriage-return-separated piece a line.</summary>
    public static IEnumerable<string> Pieces(string raw)
    {
        if (raw.IndexOf('\x1b') < 0 && raw.IndexOf('\r') is var cr && (cr < 0 || cr == raw.Length - 1))
        {
            yield return raw.TrimEnd('\r');
            yield break;
        }
        var any = false;
        foreach (var piece in Escape().Replace(raw, "").Split('\r'))
        {
            if (piece.Trim().Length == 0) continue;
            any = true;
            yield return piece.TrimEnd();
        }
        if (!any) yield return "";
    }

    /// <summary>Takes one console line; true when the machine should be stopped (the kernel's panic report is over).</summary>
    public bool See(string line)
    {
        if (line.Contains(" Run ", StringComparison.Ordinal) && line.Contains("as init process", StringComparison.Ordinal))
        {
            _init = InitProcess().Match(line) is { Success: true } m ? m.Groups[1].Value : "init";
            Stage($"init: the kernel ran {_init}");
        }
        if (line.Contains("reboot: Power down", StringComparison.Ordinal) || line.Contains("reboot: System halted", StringComparison.Ordinal))
        {
            PoweredOff = true;
            Stage("the system powered off");
        }
        if (_failure is null && Array.Exists(FailureMarks, mark => line.Contains(mark, StringComparison.Ordinal))) _failure = line.Trim();
        if (disk) SeeDiskBoot(line);
        if (line.Contains("---[ end Kernel panic", StringComparison.Ordinal))
        {
            Ended = true;
            return true;
        }
        return false;
    }

    /// <summary>The machine was stopped because the kernel waited for a root device that did not come.</summary>
    public void GaveUpWaiting() => Ended = true;

    private void SeeDiskBoot(string line)
    {
        if (_firmware is null && line.Contains("SeaBIOS (version", StringComparison.Ordinal))
        {
            _firmware = line[line.IndexOf("SeaBIOS", StringComparison.Ordinal)..].Trim();
            Stage("firmware: " + _firmware);
        }
        if (_firmware is null && line.Contains("BdsDxe: starting Boot", StringComparison.Ordinal))
        {
            _firmware = "UEFI";
            Stage("firmware: UEFI" + (UefiBoot().Match(line) is { Success: true } uefi ? $", booting {uefi.Groups[1].Value.Trim()}" : ""));
        }
        if (line.StartsWith("Boot failed:", StringComparison.Ordinal) || line.Contains("No bootable device", StringComparison.Ordinal))
            _firmwareFailure ??= line.Trim();
        if (!_bootLoader && (line.Contains("GRUB loading", StringComparison.Ordinal) || line.Contains("Welcome to GRUB", StringComparison.Ordinal)
                || line.Contains("GNU GRUB", StringComparison.Ordinal)))
        {
            _bootLoader = true;
            Stage("boot loader: GRUB");
        }
        if (_entry is null && GrubEntry().Match(line) is { Success: true } entry)
        {
            _entry = entry.Groups[1].Value;
            Stage($"boot loader: booting `{_entry}'");
        }
        if (_kernel is null && line.TrimStart().StartsWith("error: ", StringComparison.Ordinal)) _bootLoaderError ??= line.Trim();
        if (line.Contains("grub rescue>", StringComparison.Ordinal)) _bootLoaderError ??= "grub stopped at its rescue prompt (it could not read its modules or configuration)";
        if (_kernel is null && KernelVersion().Match(line) is { Success: true } version)
        {
            _kernel = version.Groups[1].Value;
            Stage("kernel: Linux " + _kernel);
        }
        if (line.Contains("Kernel command line: ", StringComparison.Ordinal) && _kernel is not null)
        {
            _commandLine = line[(line.IndexOf("Kernel command line: ", StringComparison.Ordinal) + 21)..].Trim();
            Stage("kernel: command line " + _commandLine);
        }
        if (AtaDisk().IsMatch(line)) _ataDisk = true;
        if (ScsiDisk().IsMatch(line)) _scsiDisk = true;
        if (line.Contains("virtio_blk", StringComparison.Ordinal) && line.Contains("[vd", StringComparison.Ordinal)) _virtioDisk = true;
        if (WaitingRoot().Match(line) is { Success: true } waiting) _root ??= waiting.Groups[1].Value;
        if (CannotOpenRoot().Match(line) is { Success: true } cannot)
        {
            _root ??= cannot.Groups[1].Value;
            _cannotOpenRoot = true;
        }
        if (line.Contains("No filesystem could mount root, tried:", StringComparison.Ordinal))
        {
            _cannotOpenRoot = true;
            _triedFilesystems = line[(line.IndexOf("tried:", StringComparison.Ordinal) + 6)..].Trim();
        }
        if (_rootMounted is null && RootMounted().Match(line) is { Success: true } mounted)
        {
            _rootMounted = mounted.Groups[1].Value;
            Stage("root: mounted " + _rootMounted);
        }
    }

    private void Stage(string text)
    {
        if (!_stages.Contains(text)) _stages.Add(text);
    }

    /// <summary>What went wrong, or null; <paramref name="timedOut"/>: the machine ran out of time.</summary>
    /// <param name="rootFilesystem">The root file system the disk holds (squashfs, ext4), for the message; null if not known.</param>
    public string? Failure(TimeSpan timeout, bool timedOut, string? rootFilesystem = null)
    {
        if (disk && _init is null)
        {
            if (!_bootLoader)
                return _firmwareFailure is not null ? $"the firmware found no boot loader on the disk: {_firmwareFailure}"
                    : _firmware is null ? "the firmware printed nothing" : "no boot loader started from the disk";
            if (_kernel is null)
                return "grub did not start the kernel" + (_bootLoaderError is not null ? ": " + _bootLoaderError : "");
            if (_rootMounted is null && _root is not null) return NoRoot(rootFilesystem);
        }
        if (_failure is not null) return _failure;
        if (timedOut && _init is null) return $"no init started within {timeout.TotalSeconds:0} s";
        if (_init is null && !timedOut) return disk && _kernel is not null ? "the kernel stopped before it ran an init" : "the kernel never ran an init";
        return null;
    }

    /// <summary>Why the kernel did not mount its root, from what it found of the disk.</summary>
    private string NoRoot(string? filesystem)
    {
        var builtIn = "booted without an initramfs" +
            (_commandLine is not null && _commandLine.Split(' ').Contains("noinitrd") ? " (grub passes noinitrd)" : "") +
            ", the kernel cannot load modules: it must have them built in (=y), as OpenWrt's x86 kernel has";
        var waited = _cannotOpenRoot ? "could not open" : "waited in vain for";
        if (!_ataDisk && !_scsiDisk && !_virtioDisk)
            return $"the kernel {waited} its root {_root}: it found no disk. QEMU's IDE disk (on the PIIX controller) needs CONFIG_ATA, " +
                $"CONFIG_ATA_PIIX and CONFIG_BLK_DEV_SD, which this kernel has as modules or not at all (Debian's kernels have them as modules); {builtIn}";
        if (_ataDisk && !_scsiDisk)
            return $"the kernel {waited} its root {_root}: it found the IDE disk but has no disk driver for it (CONFIG_BLK_DEV_SD is a " +
                $"module or missing); {builtIn}";
        var driver = filesystem switch
        {
            "squashfs" => "CONFIG_SQUASHFS",
            "ext4" => "CONFIG_EXT4_FS",
            _ => "the root file system's driver",
        };
        if (_triedFilesystems is not null || _cannotOpenRoot)
            return $"the kernel found the disk but could not mount its root {_root} " +
                (_triedFilesystems is not null ? $"(it tried: {(_triedFilesystems.Length == 0 ? "no file system at all" : _triedFilesystems)})" : "") +
                $": {(filesystem is null ? "" : filesystem + " ")}needs {driver} built in; {builtIn}";
        return $"the kernel found the disk but waited in vain for its root device {_root} (is the partition's PARTUUID the one on the command line?)";
    }

    [GeneratedRegex(@"\x1b(\[[0-9;?]*[A-Za-z]|[()][0-9A-B]|[=>c78])")]
    private static partial Regex Escape();

    [GeneratedRegex(@"starting Boot\d+ ""([^""]*)""")]
    private static partial Regex UefiBoot();

    [GeneratedRegex(@" Run (\S+) as init process")]
    private static partial Regex InitProcess();

    [GeneratedRegex(@"Booting `([^']*)'")]
    private static partial Regex GrubEntry();

    [GeneratedRegex(@"Linux version (\S+)")]
    private static partial Regex KernelVersion();

    [GeneratedRegex(@"ata\d+\.\d+: ATA-\d+:")]
    private static partial Regex AtaDisk();

    [GeneratedRegex(@"sd \d+:\d+:\d+:\d+: \[sd[a-z]+\]")]
    private static partial Regex ScsiDisk();

    [GeneratedRegex(@"Waiting for root device (\S+?)\.\.\.")]
    private static partial Regex WaitingRoot();

    [GeneratedRegex(@"VFS: Cannot open root device ""?([^"" ]+)""?")]
    private static partial Regex CannotOpenRoot();

    [GeneratedRegex(@"VFS: Mounted root \((.*)\)")]
    private static partial Regex RootMounted();
}
