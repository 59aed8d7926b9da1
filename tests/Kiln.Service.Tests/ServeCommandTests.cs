using System.Net;
using System.Net.Sockets;
using Kiln.Cli.Tests;

namespace Kiln.Service.Tests;

/// <summary><c>kiln serve</c>'s own mistakes: each stops with one line and exit status 2, before serving anything.</summary>
[Collection(ServedExampleCollection.Name)]
public sealed class ServeCommandTests(ServedExample served)
{
    [Theory]
    [InlineData("--listen 8080", "--listen 8080: give ADDRESS:PORT")]
    [InlineData("--listen 0.0.0.0:8080", "--listen 0.0.0.0:8080: not a loopback address")]
    [InlineData("--workers 0", "--workers 0: give at least 1")]
    [InlineData("--queue 0", "--queue 0: give at least 1")]
    [InlineData("--kernel /nonexistent/vmlinux", "--kernel /nonexistent/vmlinux: no such file")]
    public void ABadOptionIsOneLine(string options, string message)
    {
        var run = KilnProcess.Run(served.Scratch.Root, ["--topdir", served.Scratch.Top, "serve", .. options.Split(' ')], TimeSpan.FromMinutes(2));
        Assert.True(run.Status == 2, run.ToString());
        Assert.Equal("kiln: " + message, run.Stderr.Trim().Split('\n')[0][..("kiln: " + message).Length]);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void APortInUseIsOneLineNamingIt()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var run = KilnProcess.Run(served.Scratch.Root,
            ["--topdir", served.Scratch.Top, "serve", "--listen", $"127.0.0.1:{port}", "--store", served.Scratch.Path("port-store"), "--kernel", ServedExample.Kernel],
            TimeSpan.FromMinutes(2));
        Assert.True(run.Status == 2, run.ToString());
        Assert.Equal($"kiln: --listen 127.0.0.1:{port}: the address is in use (another service listens there): choose another port", run.Stderr.Trim().Split('\n')[^1]);
        Assert.DoesNotContain("   at ", run.Stderr);
    }
}
