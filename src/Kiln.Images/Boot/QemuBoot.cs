using System.Diagnostics;
using Kiln.Core.Processes;

namespace Kiln.Images.Boot;

/// <summary>A kernel and an initramfs to boot, with the init the kernel should run.</summary>
public sealed record BootRequest(QemuMachine Machine, string Kernel, string Initramfs, string Init, TimeSpan Timeout);

/// <summary>
/// A whole disk image to boot as a PC does: the firmware runs the boot loader, SeaBIOS (QEMU's own BIOS) the one in the master
/// boot record, or a UEFI firmware the EFI system partition's efi/boot/bootx64.efi.
/// </summary>
/// <param name="Disk">A raw disk image; QEMU's writes go to a temporary overlay, never to it.</param>
/// <param name="RootFilesystem">The file system of its root partition (squashfs, ext4), for the judgement's words; null if not known.</param>
/// <param name="UefiFirmware">The UEFI firmware image to boot with (OVMF), or null for the BIOS.</param>
public sealed record DiskBootRequest(QemuMachine Machine, string Disk, string? RootFilesystem, TimeSpan Timeout, string? UefiFirmware = null);

/// <param name="ReachedInit">The kernel started the init and nothing failed afterwards (no panic, no init that could not run).</param>
/// <param name="Failure">What went wrong, or null.</param>
/// <param name="Stages">For a disk boot, what the console showed of each stage, in order (firmware, boot loader, kernel, root, init).</param>
public sealed record BootResult(bool ReachedInit, bool PoweredOff, string? Failure, IReadOnlyList<string> Console, TimeSpan Elapsed)
{
    public IReadOnlyList<string> Stages { get; init; } = [];
}

/// <summary>
/// Boots an image in QEMU with its serial console on a pipe, and watches what the kernel says:
/// that it ran the init, and whether it then panicked or the init could not run. The machine
/// stops when the system powers off, when the kernel's panic report ends, or at the time limit.
/// </summary>
public static class QemuBoot
{
    public static BootResult Run(BootRequest request, Action<string> consoleLine, CancellationToken cancel)
    {
        var machine = request.Machine;
        var watch = new ConsoleWatch(disk: false);
        return Boot(machine, [
            "-kernel", request.Kernel, "-initrd", request.Initramfs,
            "-append", $"console={machine.Console} rdinit={request.Init} panic=-1",
        ], request.Timeout, watch, null, consoleLine, cancel);
    }

    /// <summary>Boots a disk image through the machine's firmware and boot loader; the judgement says which stage it reached and why it stopped.</summary>
    public static BootResult RunDisk(DiskBootRequest request, Action<string> consoleLine, CancellationToken cancel)
    {
        var watch = new ConsoleWatch(disk: true);
        // No network card: its boot ROM (iPXE) would only add seconds before the disk is tried.
        string[] firmware = request.UefiFirmware is null ? [] : ["-bios", request.UefiFirmware];
        return Boot(request.Machine,
            [.. firmware, "-nic", "none", "-drive", $"file={request.Disk.Replace(",", ",,", StringComparison.Ordinal)},format=raw,if=ide,snapshot=on"],
            request.Timeout, watch, request.RootFilesystem, consoleLine, cancel);
    }

    /// <summary>How long a kernel that waits for its root device (rootwait) is given once it prints nothing more.</summary>
    private static readonly TimeSpan RootWait = TimeSpan.FromSeconds(8);

    private static BootResult Boot(QemuMachine machine, IReadOnlyList<string> boot, TimeSpan timeout, ConsoleWatch watch, string? rootFilesystem,
        Action<string> consoleLine, CancellationToken cancel)
    {
        var program = new HostProgram(machine.Program, machine.DebianPackage).Locate();
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in machine.Arguments) start.ArgumentList.Add(argument);
        foreach (var argument in (string[])["-nographic", "-monitor", "none", "-no-reboot", .. boot]) start.ArgumentList.Add(argument);

        var clock = Stopwatch.StartNew();
        var lines = new List<string>();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync(cancel);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        // A kernel waiting for a root device that no driver of its own will bring waits for ever: it is stopped once it falls silent.
        using var silence = new Timer(_ =>
        {
            if (!watch.WaitingForRoot) return;
            watch.GaveUpWaiting();
            Stop(process);
        });
        using (deadline.Token.Register(() => Stop(process)))
        {
            while (process.StandardOutput.ReadLine() is { } raw)
            {
                // The boot loader draws its menu with terminal escapes and carriage returns: each piece is a line of its own.
                foreach (var piece in ConsoleWatch.Pieces(raw))
                {
                    lines.Add(piece);
                    consoleLine(piece);
                    // A kernel that panicked without panic=-1 waits for ever: the machine stops once its report is over.
                    if (watch.See(piece)) Stop(process);
                    if (watch.WaitingForRoot) silence.Change(RootWait, Timeout.InfiniteTimeSpan);
                }
            }
            process.WaitForExit();
        }
        cancel.ThrowIfCancellationRequested();
        var timedOut = !watch.PoweredOff && !watch.Ended && clock.Elapsed >= timeout;
        var failure = watch.Failure(timeout, timedOut, rootFilesystem);
        if (failure is null && process.ExitCode != 0 && !watch.PoweredOff && !watch.Ended && !timedOut)
            failure = $"{machine.Program} exited with status {process.ExitCode}: {errors.Result.Trim()}";
        return new BootResult(watch.ReachedInit && failure is null, watch.PoweredOff, failure, lines, clock.Elapsed) { Stages = watch.Stages };
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }
}
