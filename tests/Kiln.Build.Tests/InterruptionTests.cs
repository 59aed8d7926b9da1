using System.Diagnostics;
using System.Security.Cryptography;

namespace Kiln.Build.Tests;

/// <summary>
/// A build killed at random moments (the whole process group, as a power cut or Ctrl-C would
/// stop it) and run again ends with what an uninterrupted build makes.
/// </summary>
public sealed class InterruptionTests : IDisposable
{
    private static readonly string[] Packages = ["greeter", "greeter-lite", "greet-test"];
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void TenKillsAtRandomMomentsThenARunGiveTheSameResultAsAnUninterruptedBuild()
    {
        // How long a whole build takes here, to spread the kills over it.
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, Kiln("build").Status);
        var whole = clock.ElapsedMilliseconds;
        var uninterrupted = Outputs();
        Assert.NotEmpty(uninterrupted);
        Assert.Equal(0, Kiln("clean").Status);

        var random = new Random(20261122);
        var kills = 0;
        for (var attempt = 0; attempt < 40 && kills < 10; attempt++)
        {
            if (KillDuringBuild(random.Next(30, (int)Math.Max(60, whole))))
                kills++;
            else
                Assert.Equal(0, Kiln("clean").Status); // it finished first: start over so the next kill lands in a build
        }
        Assert.Equal(10, kills);

        var (status, output) = Kiln("build");
        Assert.True(status == 0, output);
        Assert.Equal(uninterrupted, Outputs());
    }

    /// <summary>Starts a build in a process group of its own and kills the group after a delay; false if the build ended first.</summary>
    private bool KillDuringBuild(int milliseconds)
    {
        var start = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in Arguments("build")) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (process.WaitForExit(milliseconds)) return false;
        Builds.Execute("kill", "-KILL", "--", "-" + process.Id);
        process.WaitForExit();
        return true;
    }

    private (int Status, string Output) Kiln(string command) => Builds.Execute(Path.Combine(AppContext.BaseDirectory, "kiln"),
        Arguments(command)[1..]);

    private string[] Arguments(string command) =>
        [Path.Combine(AppContext.BaseDirectory, "kiln"), "--topdir", _tree.Top, command, "--target", Builds.Mips, .. command == "build" ? Packages
            : []];

    /// <summary>Every file the build installed or staged, with its content hash or link target.</summary>
    private SortedDictionary<string, string> Outputs()
    {
        var outputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var root in new[] { "build_dir/target-mips-linux-gnu_glibc", "staging_dir/target-mips-linux-gnu_glibc/usr" })
        {
            var top = _tree.In(root);
            foreach (var file in Directory.EnumerateFiles(top, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(_tree.Top, file);
                if (!relative.Contains("/ipkg-", StringComparison.Ordinal) && !relative.StartsWith("staging_dir", StringComparison.Ordinal)) continue;
                var info = new FileInfo(file);
                outputs[relative] = info.LinkTarget is { } target ? "-> " + target : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
            }
        }
        return outputs;
    }
}
