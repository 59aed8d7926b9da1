using System.Diagnostics;
using Kiln.Core.Processes;

namespace Kiln.Images.Boot;

/// <summary>A kernel and an initramfs to boot, with the init the kernel should run.</summary>
public sealed record BootRequest(QemuMachine Machine, string Kernel, string Initramfs, string Init, TimeSpan Timeout);

/// <param name="ReachedInit">The kernel started the init and nothing failed afterwards (no panic, no init that could not run).</param>
/// <param name="Failure">What went wrong, or null.</param>
public sealed record BootResult(bool ReachedInit, bool PoweredOff, string? Failure, IReadOnlyList<string> Console, TimeSpan Elapsed);

/// <summary>
/// Boots an image in QEMU with its serial console on a pipe, and watches what the kernel says:
/// that it ran the init, and whether it then panicked or the init could not run. The machine
/// stops when the system powers off, or at the time limit.
/// </summary>
public static class QemuBoot
{
    private static readonly string[] FailureMarks =
        ["Kernel panic", "Failed to execute", "No working init found", "Attempted to kill init", "Unable to mount root"];

    public static BootResult Run(BootRequest request, Action<string> consoleLine, CancellationToken cancel)
    {
        var machine = request.Machine;
        var program = new HostProgram(machine.Program, machine.DebianPackage).Locate();
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in machine.Arguments) start.ArgumentList.Add(argument);
        foreach (var argument in new[]
        {
            "-nographic", "-monitor", "none", "-no-reboot",
            "-kernel", request.Kernel, "-initrd", request.Initramfs,
            "-append", $"console={machine.Console} rdinit={request.Init} panic=-1",
        })
            start.ArgumentList.Add(argument);

        var clock = Stopwatch.StartNew();
        var lines = new List<string>();
        bool reachedInit = false, poweredOff = false;
        string? failure = null;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync(cancel);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(request.Timeout);
        using (deadline.Token.Register(() => Stop(process)))
        {
            while (process.StandardOutput.ReadLine() is { } raw)
            {
                var line = raw.TrimEnd('\r');
                lines.Add(line);
                consoleLine(line);
                if (line.Contains(" Run ", StringComparison.Ordinal) && line.Contains("as init process", StringComparison.Ordinal))
                    reachedInit = true;
                if (line.Contains("reboot: Power down", StringComparison.Ordinal) || line.Contains("reboot: System halted", StringComparison.Ordinal))
                    poweredOff = true;
                if (failure is null && Array.Exists(FailureMarks, mark => line.Contains(mark, StringComparison.Ordinal))) failure = line.Trim();
            }
            process.WaitForExit();
        }
        cancel.ThrowIfCancellationRequested();
        if (!poweredOff && clock.Elapsed >= request.Timeout)
            failure ??= reachedInit ? null : $"no init started within {request.Timeout.TotalSeconds:0} s";
        if (process.ExitCode != 0 && !poweredOff && clock.Elapsed < request.Timeout)
            failure ??= $"{machine.Program} exited with status {process.ExitCode}: {errors.Result.Trim()}";
        if (!reachedInit) failure ??= "the kernel never ran an init";
        return new BootResult(reachedInit && failure is null, poweredOff, failure, lines, clock.Elapsed);
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
