using System.CommandLine;
using Kiln.Cli.Output;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;
using Kiln.OpenWrt.Scanning;
using Kiln.Packages.Scanning;
using Kiln.Targets.Scanning;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln dump packages [DIR]</c>: the package metadata of a directory, as OpenWrt's scan prints it.</summary>
public static class DumpCommand
{
    public static Command Create()
    {
        var dump = new Command("dump", "Print metadata of the tree.");
        var directory = new Argument<string>("DIR") { Description = "Directory to scan, relative to the tree (package or feeds/NAME).",
            DefaultValueFactory = _ => "package" };
        var json = new Option<bool>("--json") { Description = "Print structured JSON instead of OpenWrt's .packageinfo text." };
        var stats = new Option<bool>("--stats") { Description = "Print phase timings and what each part of the evaluations cost on stderr, and why each kept result not used was evaluated again." };
        var packages = new Command("packages", "Evaluate every package Makefile below DIR and print its metadata.") { directory, json, stats };
        packages.SetAction(result => RunPackages(GlobalOptions.Scan(result, result.GetValue(directory)!) with
        {
            Profile = result.GetValue(stats) ? new EvaluationProfile() : null,
        }, result.GetValue(json)));
        dump.Subcommands.Add(packages);

        var targetStats = new Option<bool>("--stats") { Description = "Print what each part of the evaluations cost on stderr." };
        var targets = new Command("targets", "Read every board of target/linux and print its .targetinfo (boards, subtargets, device profiles).")
        {
            targetStats,
        };
        targets.SetAction(result => RunTargets(GlobalOptions.TargetScan(result) with
        {
            Profile = result.GetValue(targetStats) ? new EvaluationProfile() : null,
        }));
        dump.Subcommands.Add(targets);
        return dump;
    }

    private static int RunTargets(TargetScanOptions scan)
    {
        var result = new TargetScanner(scan).Run();
        using (var stdout = BufferedOutput())
        {
            foreach (var board in result.Boards.Where(b => !b.Failed))
                MetadataBlock.Write(stdout, board.SourceMakefile, ByteText.GetBytes(board.Output));
        }
        foreach (var failure in result.Failures)
            Console.Error.WriteLine(ByteText.ToOs(failure.Error!));
        if (scan.Profile is { } profile) Console.Error.Write(ProfileText.Format(profile));
        return result.Failures.Any() ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>Standard output, buffered: a dump is thousands of blocks, written as bytes.</summary>
    private static BufferedStream BufferedOutput() => new(Console.OpenStandardOutput(), 1 << 16);

    /// <param name="options">With a profile (--stats), the phase timings and the profile are printed after the metadata.</param>
    private static int RunPackages(ScanOptions options, bool json)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ScanResult result;
        using (var progress = ProgressReporter.ForStderr("Scanning"))
            result = new MetadataScanner(options).Run(progress is null ? null : progress.Report);
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            PackageJson.Write(stdout, Kiln.Packages.Model.PackageModel.Build(options, result));
        }
        else
        {
            using var stdout = BufferedOutput();
            foreach (var scan in result.Makefiles.Where(m => !m.Failed))
                scan.WriteBlock(stdout);
        }
        foreach (var failure in result.Failures)
            Console.Error.WriteLine(ByteText.ToOs(failure.Error!));
        if (result.CacheProblem is { } problem)
            Console.Error.WriteLine($"kiln: warning: results not kept for the next run: {problem}");
        if (options.Profile is { } profile)
        {
            Console.Error.WriteLine($"kiln: {result.Makefiles.Count} Makefiles ({result.Reused} unchanged since the last run); " +
                $"scan {result.Duration.TotalMilliseconds:0} ms (walk {result.FindTime.TotalMilliseconds:0} ms of it), total in command " +
                    $"{clock.Elapsed.TotalMilliseconds:0} ms, " +
                $"since process start {(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds:0} ms; " +
                $"JIT {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms ({System.Runtime.JitInfo.GetCompiledMethodCount()} " +
                    $"methods), " +
                $"GC pauses {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms " +
                    $"({GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections), heap " +
                    $"{GC.GetGCMemoryInfo().HeapSizeBytes >> 20} MB, allocated {GC.GetTotalAllocatedBytes() >> 20} MB");
            foreach (var change in result.Changes) Console.Error.WriteLine($"kiln: evaluated again: {change}");
            Console.Error.Write(ProfileText.Format(profile));
        }
        return result.Failures.Any() ? ExitCodes.Failure : ExitCodes.Success;
    }
}
