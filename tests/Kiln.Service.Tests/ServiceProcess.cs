using System.Collections.Concurrent;
using System.Diagnostics;
using Kiln.Cli.Tests;

namespace Kiln.Service.Tests;

/// <summary>A running <c>kiln serve</c>: its URL (the first line it prints), its log lines, and a way to stop it as an init system does.</summary>
public sealed class ServiceProcess : IDisposable
{
    public const int SigTerm = 15;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line) _url.TrySetResult(line);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line) _log.Enqueue(line);
        };
        process.Exited += (_, _) => _url.TrySetException(new InvalidOperationException("kiln serve exited before it listened:\n" + Log));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts kiln serve on a free loopback port and waits until it answers.</summary>
    public static ServiceProcess Start(string directory, string top, params string[] arguments)
    {
        var start = new ProcessStartInfo(KilnProcess.Program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var a in (string[])["--topdir", top, "serve", "--listen", "127.0.0.1:0", .. arguments]) start.ArgumentList.Add(a);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Start();
        var service = new ServiceProcess(process);
        if (!service._url.Task.Wait(TimeSpan.FromSeconds(120))) throw new TimeoutException("kiln serve did not listen within 120 s:\n" + service.Log);
        service.Url = new Uri(service._url.Task.Result);
        return service;
    }

    public Uri Url { get; private set; } = null!;

    public string Log => string.Join('\n', _log);

    public int Id => _process.Id;

    /// <summary>SIGTERM, then its exit status once it has stopped.</summary>
    public int Stop(TimeSpan timeout)
    {
        KilnProcess.Signal(_process.Id, SigTerm);
        if (!_process.WaitForExit(timeout)) throw new TimeoutException($"kiln serve still ran {timeout.TotalSeconds:0} s after SIGTERM:\n" + Log);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
