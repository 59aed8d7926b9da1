using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Kiln.Core.Files;
using Kiln.Core.Parallel;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Inputs;
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

    private MakefileDump? _dump;
    private ScanCache? _recalled;
    private SortedDictionary<string, CachedScan>? _recalledScans;
    private readonly HashSet<string> _confirmed = new(StringComparer.Ordinal);
    private InputCheck? _check;

    /// <param name="progress">Told how many Makefiles are done, as they finish (the total is not known before the end).</param>
    public ScanResult Run(Action<int>? progress = null)
    {
        var dump = Dump();
        var top = dump.TopDirectory;
        var scanRoot = ExistingDirectory.Require(top, options.ScanDirectory);
        var clock = Stopwatch.StartNew();
        // make -C reports the physical directory; only a path through a link needs resolving.
        var physicalRoot = MakefileDump.Canonical(scanRoot);
        string WorkingDirectory(FoundMakefile found) =>
            found.ThroughLink ? MakefileDump.Canonical(Path.Combine(scanRoot, found.Directory)) : physicalRoot + "/" + found.Directory;

        var cache = OpenCache(top);
        var check = Check();
        var scans = new List<(string Directory, MakefileScan Scan, CachedScan? Entry, int Found, bool Qualifies)>();
        var reused = 0;
        var carried = 0;
        var changes = new List<string>();
        var walkTicks = new StrongBox<long>();
        // The walk is shared out with the evaluations: whichever thread is free takes the next Makefile found.
        var candidates = MakefileFinder.Candidates(scanRoot, options.MaxDepth, cache?.Walk).Select((found, index) => (Found: found, Index: index));
        ParallelWorkers.RunEach(Timed(candidates, walkTicks), options.Parallelism, (candidate, _) =>
        {
            var (found, foundIndex) = candidate;
            var directory = found.Directory;
            var qualifies = true;
            MakefileScan scan;
            CachedScan? entry = null;
            var inspected = options.Inspector?.Wants(options.ScanDirectory + "/" + directory) == true;
            var cached = inspected ? null : cache?.Find(directory);
            var workingDirectory = WorkingDirectory(found);
            var change = cached is null ? null : Change(cached, workingDirectory, check);
            if (cached is not null && change is null)
            {
                (scan, entry) = (cached.Scan, cached);
                Interlocked.Increment(ref reused);
            }
            else if (MakefileFinder.Qualifying(Path.Combine(scanRoot, directory, "Makefile"), options.Calls, out var problem) is { } content)
            {
                // An inspected Makefile's inputs are not recorded: the entry the cache has stays (it is checked when next used).
                (scan, entry) = Evaluate(dump, workingDirectory, directory, content, inspected ? null : cache, inspected ? options.Inspector : null);
                if (entry is not null && cached is not null) entry = WithVolatileCommands(entry, cached, check);
                if (entry is null && inspected && cache?.Find(directory) is { } kept)
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
                if (change is not null) changes.Add($"{options.ScanDirectory}/{directory}: {change}");
                scans.Add((directory, scan, entry, foundIndex, qualifies));
                done = scans.Count;
            }
            progress?.Invoke(done);
        });
        scans = LastOfEachName(scans);
        scans.Sort((a, b) => string.CompareOrdinal(a.Directory, b.Directory));
        var cacheProblem = cache is not null && (reused + carried < scans.Count || cache.Walk.Changed) ? cache.Save(scans.Select(s => s.Entry).OfType<CachedScan>()) : null;
        var findTime = TimeSpan.FromSeconds((double)walkTicks.Value / Stopwatch.Frequency);
        changes.Sort(StringComparer.Ordinal);
        return new ScanResult(scans.Select(s => s.Scan).ToList(), findTime, clock.Elapsed) { Reused = reused, CacheProblem = cacheProblem, Changes = changes };
    }

    /// <summary>
    /// The results of the last scan as the cache keeps them, taken on trust: nothing is walked, checked or evaluated,
    /// so a caller must <see cref="Confirm"/> the results it uses. Nor is anything decoded: <see cref="RecalledScan"/> and
    /// <see cref="RecalledResult"/> decode what they are asked for. Null when there is no cache, or none for this scan.
    /// </summary>
    public RecalledScans? Recall()
    {
        if (OpenCache(Dump().TopDirectory) is not { Count: > 0 } cache) return null;
        _recalled = cache;
        _recalledScans = new SortedDictionary<string, CachedScan>(StringComparer.Ordinal);
        foreach (var entry in cache.Entries) _recalledScans[entry.Directory] = entry;
        return RecalledNow();
    }

    /// <summary>What is recalled now (after <see cref="Confirm"/>, with what it changed): the directories with a result, and the cache file.</summary>
    public RecalledScans RecalledNow() =>
        _recalledScans is { } scans ? new([.. scans.Keys], _recalled!.FilePath, _recalled.Digest) : throw new InvalidOperationException("nothing recalled");

    /// <summary>
    /// Checks the recalled results of <paramref name="directories"/> (below the scanned directory) against their
    /// inputs, evaluating again those whose inputs changed (a Makefile gone, or no longer qualifying, has no result
    /// any more); the cache is updated. False when every result still held.
    /// </summary>
    public bool Confirm(IEnumerable<string> directories)
    {
        var (cache, scans) = (_recalled, _recalledScans) is ({ } c, { } r) ? (c, r) : throw new InvalidOperationException("nothing recalled");
        var dump = Dump();
        var scanRoot = ScanRoot(dump.TopDirectory);
        var changed = false;
        foreach (var directory in directories)
        {
            if (!_confirmed.Add(directory)) continue;
            var earlier = cache.Find(directory);
            var workingDirectory = MakefileDump.Canonical(Path.Combine(scanRoot, directory));
            if (earlier is not null && Change(earlier, workingDirectory, Check()) is null) continue;
            changed = true;
            if (MakefileFinder.Qualifying(Path.Combine(scanRoot, directory, "Makefile"), options.Calls, out _) is { } content)
            {
                var (scan, renewed) = Evaluate(dump, workingDirectory, directory, content, cache, inspector: null);
                if (renewed is not null && earlier is not null) renewed = WithVolatileCommands(renewed, earlier, Check());
                // A result that cannot be kept (not repeatable) is still this run's.
                scans[directory] = renewed ?? new CachedScan(directory, workingDirectory, [], scan);
                cache.Replace(directory, renewed);
            }
            else
            {
                scans.Remove(directory);
                cache.Replace(directory, null);
            }
        }
        if (changed) cache.Save(cache.Entries);
        return changed;
    }

    /// <summary>Why a kept result no longer holds for a Makefile now to be evaluated in <paramref name="workingDirectory"/>; null if it holds.</summary>
    private static string? Change(CachedScan kept, string workingDirectory, InputCheck check)
    {
        if (kept.WorkingDirectory != workingDirectory) return $"its physical directory changed (from {kept.WorkingDirectory} to {workingDirectory})";
        try
        {
            return kept.FirstChanged(check) is { } input ? input.Describe() + " changed" : null;
        }
        catch (InvalidDataException)
        {
            return "its kept inputs could not be read";
        }
    }

    /// <summary>
    /// The recalled result of one directory (see <see cref="RecalledScans.Directories"/>), with a change <see cref="Confirm"/>
    /// found; one whose record in the cache is damaged is confirmed first, so read again from its Makefile.
    /// </summary>
    public MakefileScan RecalledScan(string directory)
    {
        var scans = _recalledScans ?? throw new InvalidOperationException("nothing recalled");
        var entry = scans[directory];
        if (entry.Damaged) Confirm([directory]);
        return (scans.GetValueOrDefault(directory) ?? entry).Scan;
    }

    /// <summary>The recalled results, with those <see cref="Confirm"/> read again, and those whose record is damaged.</summary>
    public ScanResult RecalledResult()
    {
        var scans = _recalledScans ?? throw new InvalidOperationException("nothing recalled");
        Confirm(scans.Values.Where(e => e.Damaged).Select(e => e.Directory).ToList());
        var entries = scans.Values.ToList();
        ParallelWorkers.Run(entries.Count, options.Parallelism, i => _ = entries[i].Scan);   // read and checked on every core
        return new ScanResult(entries.Select(e => e.Scan).ToList(), TimeSpan.Zero, TimeSpan.Zero) { Reused = entries.Count };
    }

    /// <summary>
    /// The new entry of a Makefile evaluated again, with the commands marked whose output is volatile (mktemp -u, date +%T):
    /// those whose output changed since the earlier evaluation while everything else it read held and the result stayed
    /// the same. They are not run again to check the entry: they would only ever find it changed.
    /// </summary>
    private static CachedScan WithVolatileCommands(CachedScan renewed, CachedScan earlier, InputCheck check)
    {
        if (earlier.Inputs is not { } before || renewed.Inputs is not { } after || !ScanCacheFile.SameResult(renewed.Scan, earlier.Scan)
            || !check.StillHold(before.Where(input => input is not ShellRanInput).ToList()))
            return renewed;
        var outcomes = new Dictionary<ShellInvocation, ShellRanInput>();
        foreach (var input in before)
            if (input is ShellRanInput shell) outcomes.TryAdd(shell.Invocation, shell);
        var marked = false;
        var inputs = new List<RecordedInput>(after.Count);
        foreach (var input in after)
        {
            var volatileOutput = input is ShellRanInput shell && outcomes.TryGetValue(shell.Invocation, out var seen)
                && (seen.NotRechecked || !seen.OutcomeHash.AsSpan().SequenceEqual(shell.OutcomeHash));
            inputs.Add(volatileOutput ? (ShellRanInput)input with { NotRechecked = true } : input);
            marked |= volatileOutput;
        }
        return marked ? new CachedScan(renewed.Directory, renewed.WorkingDirectory, inputs, renewed.Scan) : renewed;
    }

    private MakefileDump Dump() => _dump ??= new MakefileDump(options.TopDirectory, options.Environment, options.ShellTimeout, options.Config)
        {
            Profile = options.Profile,
        };

    private InputCheck Check() => _check ??= new InputCheck(Dump().Environment, options.ShellTimeout);

    private string ScanRoot(string top) => Path.Combine(top, options.ScanDirectory);

    private ScanCache? OpenCache(string top) => options.CacheDirectory is { } cacheDirectory
        ? ScanCache.Open(Path.Combine(cacheDirectory, CacheFileName(options.ScanDirectory)), CacheKey(top, Dump().Environment), Dump().Environment)
        : null;

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
        EnvironmentKey.Append(key, environment);
        return CacheDigest.OfKey(key.ToString());
    }

    /// <summary>
    /// Evaluates one Makefile; with a cache to record into, also the cache entry of its result (null if it was not
    /// repeatable), the names it looked up and did not find noted in the cache.
    /// </summary>
    /// <param name="content">The Makefile's bytes, as the walk read them to see that it qualifies.</param>
    private (MakefileScan Scan, CachedScan? Entry) Evaluate(MakefileDump dump, string workingDirectory, string directory, byte[] content,
        ScanCache? recordInto, IMakefileInspector? inspector)
    {
        var inputs = recordInto is null ? null : new InputLog(dump.Environment);
        var relativeDirectory = options.ScanDirectory + "/" + directory;
        var facts = new FactsCollector();
        MakefileFacts found = MakefileFacts.None;
        var feed = options.Feed ?? (directory.Split('/') is ["feeds", var name, ..] ? name : "");
        var result = dump.Run(workingDirectory, relativeDirectory, ["DUMP=1", "FEED=" + feed, .. options.ExtraVariables],
            inputs, facts.Functions, evaluator =>
            {
                found = facts.Finish(evaluator);
                inspector?.Inspect(relativeDirectory, evaluator);
            }, content);
        var scan = new MakefileScan(ByteText.FromOs(relativeDirectory + "/Makefile"), result.Stdout, result.Stderr, result.Error, found);
        if (inputs is not null) recordInto!.NoteMissing(inputs.Missing);
        return (scan, inputs is { Repeatable: true } ? new CachedScan(directory, workingDirectory, inputs.Inputs, scan) : null);
    }
}
