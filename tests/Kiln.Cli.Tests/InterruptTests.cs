using System.Diagnostics;
using System.Globalization;

namespace Kiln.Cli.Tests;

/// <summary>
/// Ctrl-C during a build: kiln stops promptly with exit status 130 (or 2) and one message, no
/// stack trace, leaves no step running, and writes only the build's directories.
/// </summary>
public sealed class InterruptTests
{
    public static TheoryData<string> Ways => new("SIGINT to kiln alone", "SIGINT to its process group, as a terminal's Ctrl-C sends it");

    [Theory, MemberData(nameof(Ways))]
    public void AnInterruptedBuildStopsWithOneMessage(string way)
    {
        var group = way.Contains("group", StringComparison.Ordinal);
        using var scratch = new Scratch(withTree: true);
        // A compile step that would run for a minute, with a duration no other process has, to find it afterwards.
        var seconds = (60 + Random.Shared.NextDouble()).ToString("0.000000", CultureInfo.InvariantCulture);
        scratch.AddPackage("slow", $"define Build/Compile\n\tsleep {seconds}\nendef");
        string[] arguments = ["--topdir", scratch.Top, "build", "--target", "demo/small", "-j", "1", "slow"];
        var before = scratch.Snapshot();

        using var kiln = KilnProcess.Start(scratch.Root, arguments, processGroup: group);
        var process = kiln.Process;
        try
        {
            var compiling = Stopwatch.StartNew();
            while (Sleepers(seconds).Count == 0)
            {
                if (process.HasExited) Assert.Fail($"the build ended before its compile step ran\n{kiln.Result()}");
                Assert.True(compiling.Elapsed < TimeSpan.FromSeconds(60), "the compile step did not start within 60 s");
                Thread.Sleep(50);
            }
            KilnProcess.Signal(group ? -process.Id : process.Id, KilnProcess.SigInt);
            var stopping = Stopwatch.StartNew();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20))) Assert.Fail("kiln still ran 20 s after the interrupt");
            var run = kiln.Result();
            var problems = Refusal.Problems(run, [130, 2]);
            if (stopping.Elapsed > TimeSpan.FromSeconds(10))
                problems.Add($"it took {stopping.Elapsed.TotalSeconds:0} s to stop");
            Thread.Sleep(200);
            if (Sleepers(seconds).Count > 0)
                problems.Add("the interrupted compile step is still running");
            problems.AddRange(Refusal.Changes(before, scratch.Snapshot(), Writes.Build));
            Refusal.Assert(run, problems);
        }
        finally
        {
            // Only the step this case started: found by its unique duration.
            foreach (var pid in Sleepers(seconds))
                try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
    }

    /// <summary>The processes running "sleep SECONDS".</summary>
    private static List<int> Sleepers(string seconds)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")) == $"sleep\0{seconds}\0") found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }
}
