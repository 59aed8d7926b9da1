// The package solver on OpenWrt 24.10's real feeds (base and packages, indexed for ath79/generic, mips_24kc, from the oracle's
// metadata dumps): the index read once (median of READS reads), then each realistic request resolved ROUNDS times through
// ImageResolution.Resolve (over ImageResolution.Plan, which kiln image --dry-run and the service resolve with) (the target's default packages and the
// tplink_archer-c7-v2 profile's, merged as Image Builder merges them). Prints the medians. Used by bench/solver.sh.
using System.Diagnostics;
using Kiln.Images.Rootfs;
using Kiln.Images.Tests.Rootfs;
using Kiln.Pipeline.Images;
using Kiln.Targets.Model;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Kiln.Solver.Bench ORACLE READS ROUNDS");
    return 2;
}
var (oracle, reads, rounds) = (args[0], int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture),
    int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
var scratch = Path.Combine(Path.GetTempPath(), "kiln-solver-bench-" + Guid.NewGuid().ToString("N"));
try
{
    var feeds = OracleFeed.Write(oracle, scratch);
    var target = TargetInfoParser.Parse(File.ReadAllText(Path.Combine(oracle, "targets.targetinfo"))).Single(t => t.Id == OracleFeed.Target);

    // The machine may be shared: the process's CPU time is given beside the wall time.
    var process = Process.GetCurrentProcess();
    var readTimes = new List<double>();
    PackageFeed? feed = null;
    var readCpu = process.TotalProcessorTime;
    for (var i = 0; i < reads; i++)
    {
        var clock = Stopwatch.StartNew();
        feed = PackageFeed.Read(feeds, OracleFeed.Architecture);
        readTimes.Add(clock.Elapsed.TotalMilliseconds);
    }
    process.Refresh();
    readCpu = process.TotalProcessorTime - readCpu;
    var solveCpu = TimeSpan.Zero;

    var times = new List<double>();
    var sizes = new List<int>();
    for (var round = 0; round <= rounds; round++)
    {
        process.Refresh();
        var roundCpu = process.TotalProcessorTime;
        foreach (var request in OracleFeed.Requests)
        {
            var clock = Stopwatch.StartNew();
            var plan = ImageResolution.Resolve(target, [OracleFeed.Profile], feed!, request);
            var took = clock.Elapsed.TotalMilliseconds;
            // Round 0 warms the JIT up.
            if (round == 0) sizes.Add(plan.Packages.Count);
            else times.Add(took);
        }
        process.Refresh();
        if (round > 0) solveCpu += process.TotalProcessorTime - roundCpu;
    }
    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
    var ordered = times.Order().ToList();
    Console.WriteLine($"index: {feed!.Packages.Count} packages in {feeds.Count} feeds, read in {Median(readTimes):0.0} ms (median of {reads}; " +
        $"{readCpu.TotalMilliseconds / reads:0.0} ms of CPU each)");
    Console.WriteLine($"solver: {OracleFeed.Requests.Length} requests x {rounds} rounds, {sizes.Min()}-{sizes.Max()} packages per image; " +
        $"per request median {Median(times):0.00} ms, p90 {ordered[(int)(ordered.Count * 0.9)]:0.00} ms, max {ordered[^1]:0.00} ms; " +
        $"{solveCpu.TotalMilliseconds / times.Count:0.00} ms of CPU per request on average; " +
        $"{Environment.ProcessorCount} cores");
    return 0;
}
finally
{
    if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
}
