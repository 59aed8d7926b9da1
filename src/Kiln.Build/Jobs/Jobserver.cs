using System.Runtime.InteropServices;

namespace Kiln.Build.Jobs;

/// <summary>
/// A GNU make jobserver (make 4.3's pipe protocol): a pipe holding one byte per job slot beyond
/// the first. Kiln takes a slot for each package it builds beyond the first, and the packages'
/// own makes (given <see cref="MakeFlag"/>, with the pipe's descriptors inherited) take slots
/// for their extra jobs, so that at most N jobs run in all.
/// </summary>
public sealed partial class Jobserver : IDisposable
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
            if (n < 0 && Marshal.GetLastPInvokeError() == 4) continue; // EINTR
            throw new InvalidOperationException("jobserver read failed: " + Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Gives a slot back.</summary>
    public void Release()
    {
        var plus = new[] { (byte)'+' };
        while (Write(_write, plus, 1) != 1)
            if (Marshal.GetLastPInvokeError() != 4) throw new InvalidOperationException("jobserver write failed");
    }

    public void Dispose()
    {
        Close(_read);
        Close(_write);
    }

    [LibraryImport("libc", EntryPoint = "pipe", SetLastError = true)]
    private static partial int Pipe([Out] int[] fds);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, [Out] byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
