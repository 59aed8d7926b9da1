using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Kiln.Core.Errors;
using Kiln.Core.Parallel;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;
using Kiln.OpenWrt.Api;
using Kiln.OpenWrt.Evaluation;
using Kiln.OpenWrt.Scanning;
using Kiln.Packages.Scanning.Cache;

namespace Kiln.Packages.Scanning;

/// <summary>
/// Evaluates every qualifying Makefile of a directory with DUMP=1, in parallel, each in an
/// evaluator of its own over shared, parse-once sources; collects what each prints.
/// </summary>
public sealed class MetadataScanner(ScanOptions options)
{

    /// <param name="progress">Told how many Makefiles are done, as they finish (the total is not known before the end).</param>
    public ScanResult Run(Action<int>? progress = null)
    {
        var dump = new MakefileDump(options.TopDirectory, options.Environment, options.ShellTimeout, options.Config);
        var top = dump.TopDirectory;
        var scanRoot = Path.Combine(top, options.ScanDirectory);
        if (!Directory.Exists(scanRoot))
            throw new UserError(SourceLocation.None, $"{options.ScanDirectory}: no such directory in {top}");
        var clock = Stopwatch.StartNew();
        // make -C reports the physical directory; only a path through a link needs resolving.
        var physicalRoot = MakefileDump.Canonical(scanRoot);
        string WorkingDirectory(FoundMakefile found) =>
            found.ThroughLink ? MakefileDump.Canonical(Path.Combine(scanRoot, found.Directory)) : physicalRoot + "/" + found.Directory;
        var environment = dump.Environment;

        var cache = options.CacheDirectory is { } cacheDirectory
            ? ScanCache.Open(Path.Combine(cacheDirectory, CacheFileName(options.ScanDirectory)), CacheKey(top, environment))
            : null;
        var check = new InputCheck(environment, options.ShellTimeout);
        var scans = new List<(string Directory, MakefileScan Scan, CachedScan? Entry, int Found, bool Qualifies)>();
        var reused = 0;
        var carried = 0;
        var walkTicks = new StrongBox<long>();
        // The walk is shared out with the evaluations: whichever thread is free takes the next Makefile found.
        var candidates = MakefileFinder.Candidates(scanRoot, options.MaxDepth).Select((found, index) => (Found: found, Index: index));
        ParallelWorkers.RunEach(Timed(candidates, walkTicks), options.Parallelism, (candidate, _) =>
        {
            var (found, foundIndex) = candidate;
            var directory = found.Directory;
            var qualifies = true;
            MakefileScan scan;
            CachedScan? entry = null;
            var inspected = options.Inspector?.Wants(options.ScanDirectory + "/" + directory) == true;
            if (!inspected && cache?.Find(directory) is { } cached && check.StillHold(cached.Inputs))
            {
                (scan, entry) = (cached.Scan, cached);
                Interlocked.Increment(ref reused);
            }
            else if (MakefileFinder.Qualifies(Path.Combine(scanRoot, directory, "Makefile"), options.Calls, out var problem))
            {
                // An inspected Makefile's inputs are not recorded: the entry the cache has stays (it is checked when next used).
                var inputs = cache is null || inspected ? null : new InputLog(environment);
                scan = Evaluate(dump, WorkingDirectory(found), directory, inputs, inspected ? options.Inspector : null);
                if (inputs is { Repeatable: true }) entry = new CachedScan(directory, inputs.Inputs, scan);
                else if (inspected && cache?.Find(directory) is { } kept)
                {
                    entry = kept;
                    Interlocked.Increment(ref carried);
                }
            }
            else if (problem is not null)
            {
                qualifies = false;
                // Not silently left out: the scan would otherwise seem to have found every package.
                var makefile = ByteText.FromOs(options.ScanDirectory + "/" + directory + "/Makefile");
                scan = new MakefileScan(makefile, "", "", $"kiln: {makefile}: {problem}", MakefileFacts.None);
            }
            else
            {
                return;
            }
            int done;
            lock (scans)
            {
                scans.Add((directory, scan, entry, foundIndex, qualifies));
                done = scans.Count;
            }
            progress?.Invoke(done);
        });
        scans = LastOfEachName(scans);
        scans.Sort((a, b) => string.CompareOrdinal(a.Directory, b.Directory));
        var cacheProblem = cache is not null && reused + carried < scans.Count ? cache.Save(scans.Select(s => s.Entry).OfType<CachedScan>()) : null;
        var findTime = TimeSpan.FromSeconds((double)walkTicks.Value / Stopwatch.Frequency);
        return new ScanResult(scans.Select(s => s.Scan).ToList(), findTime, clock.Elapsed) { Reused = reused, CacheProblem = cacheProblem };
    }

    /// <summary>
    /// OpenWrt's scan.awk: one package directory per name (its last path component) among those
    /// below feeds/ and one among the others, the one found last by the walk winning, as find -L
    /// lists them. A feed installed through package/feeds/ can reach a package twice (its own link,
    /// and through the link of a package directory that holds it, as lang/perl holds perl-cgi).
    /// </summary>
    private static List<(string Directory, MakefileScan Scan, CachedScan? Entry, int Found, bool Qualifies)> LastOfEachName(
        List<(string Directory, MakefileScan Scan, CachedScan? Entry, int Found, bool Qualifies)> scans)
    {
        static (bool InFeeds, string Name) NameOf(string directory) =>
            (directory.StartsWith("feeds/", StringComparison.Ordinal), directory[(directory.LastIndexOf('/') + 1)..]);
        var last = new Dictionary<(bool InFeeds, string Name), int>();
        foreach (var scan in scans)
        {
            if (!scan.Qualifies) continue;
            var key = NameOf(scan.Directory);
            if (!last.TryGetValue(key, out var found) || found < scan.Found) last[key] = scan.Found;
        }
        return scans.FindAll(scan => !scan.Qualifies || last[NameOf(scan.Directory)] == scan.Found);
    }

    /// <summary>The items of <paramref name="source"/>, with the time spent producing them added to <paramref name="ticks"/>.</summary>
    private static IEnumerable<T> Timed<T>(IEnumerable<T> source, StrongBox<long> ticks)
    {
        using var items = source.GetEnumerator();
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            var more = items.MoveNext();
            ticks.Value += Stopwatch.GetTimestamp() - start;
            if (!more) yield break;
            yield return items.Current;
        }
    }

    private static string CacheFileName(string scanDirectory) => "scan-" + scanDirectory.Replace('/', '-') + ".cache";

    /// <summary>Everything besides the recorded inputs that an evaluation's result depends on.</summary>
    private string CacheKey(string top, IReadOnlyDictionary<string, string> environment)
    {
        var key = new StringBuilder();
        key.Append(typeof(Evaluator).Assembly.ManifestModule.ModuleVersionId).Append('\0');
        key.Append(typeof(MetadataScanner).Assembly.ManifestModule.ModuleVersionId).Append('\0');
        key.Append(top).Append('\0').Append(options.ScanDirectory).Append('\0').Append(options.Feed).Append('\0');
        key.Append(options.MaxDepth).Append('\0').AppendJoin('\n', options.Calls).Append('\0').AppendJoin('\n', options.ExtraVariables).Append('\0');
        // The names only: the values the makefiles looked up are inputs of each result, and commands
        // are run again. A variable added or removed (which a lookup could have missed) starts afresh.
        foreach (var name in environment.Keys.Order(StringComparer.Ordinal)) key.Append(name).Append('\0');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())));
    }

    private MakefileScan Evaluate(MakefileDump dump, string workingDirectory, string directory, InputLog? inputs, IMakefileInspector? inspector)
    {
        var relativeDirectory = options.ScanDirectory + "/" + directory;
        var facts = new FactsCollector();
        MakefileFacts found = MakefileFacts.None;
        var feed = options.Feed ?? (directory.Split('/') is ["feeds", var name, ..] ? name : "");
        var result = dump.Run(workingDirectory, relativeDirectory, ["DUMP=1", "FEED=" + feed, .. options.ExtraVariables],
            inputs, facts.Functions, evaluator =>
            {
                found = facts.Finish(evaluator);
                inspector?.Inspect(relativeDirectory, evaluator);
            });
        return new MakefileScan(ByteText.FromOs(relativeDirectory + "/Makefile"), result.Stdout, result.Stderr, result.Error, found);
    }
}
