using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kiln.Service.Tests;

/// <summary>
/// A copy of the example tree built for Malta (<c>kiln build --target malta/le --kernel K</c>, Debian's kernel as
/// scripts/fetch-kernels leaves it) and served by a real <c>kiln serve</c> process on a free loopback port.
/// </summary>
public sealed class ServedTree : IDisposable
{
    public const string Target = "malta/le";

    private readonly Process _serve;
    private readonly Task<string> _stderr;

    public ServedTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "kiln-service-tests", Guid.NewGuid().ToString("N"));
        Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tree"), Top);
        Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mirror"), Path.Combine(Root, "mirror"));
        Build();
        Address = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(Program)
        {
            WorkingDirectory = Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "--topdir", Top, "serve", "--listen", Address["http://".Length..] }) start.ArgumentList.Add(a);
        _serve = Process.Start(start)!;
        _serve.StandardInput.Close();
        _ = _serve.StandardOutput.ReadToEndAsync();
        _stderr = _serve.StandardError.ReadToEndAsync();
        WaitUntilServing();
    }

    /// <summary>The scratch folder: tree/ (the served tree) and mirror/ beside it, as the tree's kiln.conf expects.</summary>
    public string Root { get; }

    public string Top => Path.Combine(Root, "tree");

    /// <summary>The service's base address, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Address { get; }

    /// <summary>The directory the build left Malta's images and profiles.json in.</summary>
    public string Images => Path.Combine(Top, "bin", "targets", Target);

    private static string Program => Path.Combine(AppContext.BaseDirectory, "kiln");

    private static string Kernel => Path.Combine(Environment.GetEnvironmentVariable("KILN_KERNELS")
        ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".cache"),
            "kiln", "kernels"), "malta-le", "vmlinux");

    private void Build()
    {
        var start = new ProcessStartInfo(Program) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--topdir", Top, "build", "--target", Target, "--kernel", Kernel }) start.ArgumentList.Add(a);
        using var build = Process.Start(start)!;
        var stdout = build.StandardOutput.ReadToEndAsync();
        var stderr = build.StandardError.ReadToEndAsync();
        if (!build.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            build.Kill(entireProcessTree: true);
            throw new InvalidOperationException("kiln build still ran after 8 minutes");
        }
        if (build.ExitCode != 0)
            throw new InvalidOperationException($"kiln build failed ({build.ExitCode}):\n{stderr.Result}\n{stdout.Result}");
    }

    /// <summary>A port nobody listens on now (the kernel's choice for port 0).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilServing()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_serve.HasExited)
                throw new InvalidOperationException($"kiln serve exited ({_serve.ExitCode}):\n{_stderr.Result}");
            try
            {
                if (client.GetAsync($"{Address}/json/v1/overview.json").Result.IsSuccessStatusCode) return;
            }
            catch (AggregateException e) when (e.InnerException is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            Thread.Sleep(200);
        }
        throw new InvalidOperationException($"kiln serve did not answer at {Address} within 60 s");
    }

    public void Dispose()
    {
        if (!_serve.HasExited) _serve.Kill(entireProcessTree: true);
        _serve.WaitForExit();
        _serve.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build the service still lets go of: the temp folder is cleaned anyway.
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
