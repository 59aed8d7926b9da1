using System.Runtime.InteropServices;
using Kiln.Build.Scheduling;

namespace Kiln.Build.Jobs;

/// <summary>
/// A GNU make jobserver (make 4.3's pipe protocol): a pipe holding one byte per job slot beyond
/// the first. Kiln takes a slot for each package it builds beyond the first, and the packages'
/// own makes (given <see cref="MakeFlag"/>, with the pipe's descriptors inherited) take slots
/// for their extra jobs, so that at most N jobs run in all.
/// </summary>
public sealed partial class Jobserver : IJobSlots, IDisposable
{
    private readonly int _read;
    private readonly int _write;

    public Jobserver(int jobs)
    {
        Jobs = Math.Max(1, jobs);
        var fds = new int[2];
        // Without O_CLOEXEC: the makes started for recipes must inherit both ends.
        if (Pipe(fds) != 0) throw new InvalidOperationException("pipe() failed: " + Marshal.GetLastPInvokeError());
        (_read, _write) = (fds[0], fds[1]);
        for (var i = 1; i < Jobs; i++) Release();
    }

    public int Jobs { get; }

    /// <summary>What a make started by a recipe needs to share the slots (make 4.3 syntax).</summary>
    public string MakeFlag => $"--jobserver-auth={_read},{_write}";

    /// <summary>Takes a slot (waits for one). Kiln's first package runs on the implicit slot and takes none.</summary>
    public void Acquire()
    {
        var one = new byte[1];
        while (true)
        {
            var n = Read(_read, one, 1);
            if (n == 1) break;
            var error = Marshal.GetLastPInvokeError();
            if (n < 0 && error == EINTR) continue;
            // The makes sharing the pipe may have made it non-blocking (make 4.3 does): wait until a slot is there.
            if (n < 0 && error == EAGAIN)
            {
                var poll = new PollDescriptor { Descriptor = _read, Events = PollIn };
                Poll(ref poll, 1, -1);
                continue;
            }
            throw new InvalidOperationException("jobserver read failed: " + Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Gives a slot back.</summary>
    public void Release()
    {
        var plus = new[] { (byte)'+' };
        while (Write(_write, plus, 1) != 1)
            if (Marshal.GetLastPInvokeError() != EINTR) throw new InvalidOperationException("jobserver write failed: "
                + Marshal.GetLastPInvokeError());
    }

    public void Dispose()
    {
        Close(_read);
        Close(_write);
    }

    private const int EINTR = 4;
    private const int EAGAIN = 11;
    private const short PollIn = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollDescriptor descriptors, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "pipe", SetLastError = true)]
    private static partial int Pipe([Out] int[] fds);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, [Out] byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
