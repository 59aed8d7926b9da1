using System.Diagnostics;
using System.Text;
using Kiln.Core.Files;
using Kiln.Core.Parallel;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Inputs;
using Kiln.Make.Text;
using Kiln.OpenWrt.Evaluation;
using Kiln.OpenWrt.Scanning;
using Kiln.Targets.Devices;

namespace Kiln.Targets.Scanning;

/// <summary>
/// Reads every board Makefile (those that call BuildTarget) as OpenWrt's target scan does:
/// the board with TARGET_BUILD=1 and DUMP=1, its image directory for the subtarget it stands
/// for, and each of its subtargets the same way, boards in parallel. OpenWrt's dumpinfo recipe
/// runs make for the image directory and the subtargets; Kiln reads them here instead.
/// </summary>
public sealed class TargetScanner(TargetScanOptions options)
{
    public TargetScanResult Run()
    {
        var dump = new MakefileDump(options.TopDirectory, options.Environment, options.ShellTimeout, options.Config) { Profile = options.Profile };
        var scanRoot = ExistingDirectory.Require(dump.TopDirectory, options.ScanDirectory);
        var clock = Stopwatch.StartNew();
        var physicalRoot = MakefileDump.Canonical(scanRoot);

        // Each board first says which subtargets it has; then its subtargets and image directories
        // are read as separate pieces of work, so that a board with many devices does not hold up
        // the rest, nor the rest wait for every board.
        var cacheKey = CacheKey(dump);
        // One file per key: the devices command's one-board scans do not push out the whole tree's.
        var cacheFile = options.CacheDirectory is { } cacheDirectory ? Path.Combine(cacheDirectory, $"targets-{cacheKey[..16]}.cache") : null;
        var kept = cacheFile is null ? [] : TargetScanCache.Read(cacheFile, cacheKey);
        var check = new InputCheck(dump.Environment, options.ShellTimeout);
        var record = cacheFile is not null;
        var reused = new List<CachedBoard>();
        var boards = new List<Board>();
        var candidates = options.OnlyBoard is { } board && options.MaxDepth > 1
            ? BoardCandidate(scanRoot, board)
            : MakefileFinder.Candidates(scanRoot, options.MaxDepth);
        var work = candidates.Select(found => new Work(found, null));
        ParallelWorkers.RunQueue(work, options.Parallelism, (item, add) =>
        {
            if (item.Part is { } part)
            {
                part.Read(dump);
                return;
            }
            var found = item.Candidate!;
            if (options.OnlyBoard is { } only && found.Directory != only) return;
            if (MakefileFinder.Qualifying(Path.Combine(scanRoot, found.Directory, "Makefile"), MakefileFinder.TargetCalls, out _) is null) return;
            var directory = found.ThroughLink
                ? MakefileDump.Canonical(Path.Combine(scanRoot, found.Directory))
                : physicalRoot + "/" + found.Directory;
            if (kept.GetValueOrDefault(found.Directory) is { } cached && cached.PhysicalDirectory == directory && check.StillHold(cached.Inputs)
                && EnvironmentKey.StillMissing(cached.Missing, dump.Environment))
            {
                lock (reused) reused.Add(cached);
                return;
            }
            var board = new Board(directory, options.ScanDirectory + "/" + found.Directory, found.Directory, record);
            board.Parts.Add(ReadTarget(dump, board, subtarget: null));
            lock (boards) boards.Add(board);
            if (board.Parts[0].Error is not null) return;
            foreach (var pending in board.Pending(options.OnlySubtarget, options.SkipFailingDevices)) add(new Work(null, pending));
        });

        var read = boards.Select(b => (b.FoundDirectory, b.Directory, Scan: b.Result(), Inputs: b.Inputs(), Missing: b.Missing())).ToList();
        if (cacheFile is not null && read.Count > 0)
            TargetScanCache.Write(cacheFile, cacheKey, reused.Concat(read.Where(b => b.Inputs is not null)
                .Select(b => new CachedBoard(b.FoundDirectory, b.Directory, b.Scan, b.Inputs!, b.Missing))).OrderBy(b => b.Directory, StringComparer.Ordinal));
        var scans = reused.Select(b => (Relative: options.ScanDirectory + "/" + b.Directory, b.Scan))
            .Concat(boards.Zip(read, (board, result) => (Relative: board.RelativeDirectory, result.Scan))).ToList();
        scans.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        return new TargetScanResult(scans.Select(s => s.Scan).ToList(), clock.Elapsed) { Reused = reused.Count };
    }

    /// <summary>
    /// The one board asked for, as the walk would find it (the directory of that name, with a Makefile), without walking
    /// the others and their patches.
    /// </summary>
    private static IEnumerable<FoundMakefile> BoardCandidate(string scanRoot, string board)
    {
        var directory = Path.Combine(scanRoot, board);
        if (board.Contains('/') || !Directory.Exists(directory) || !Path.Exists(Path.Combine(directory, "Makefile"))) yield break;
        yield return new FoundMakefile(board, ThroughLink: new DirectoryInfo(directory).LinkTarget is not null);
    }

    /// <summary>
    /// One (sub)target's own block: the Makefile read with DUMP=1 (and SUBTARGET), then what
    /// OpenWrt's dumpinfo recipe prints, expanded once the Makefile has been read.
    /// </summary>
    private static Part ReadTarget(MakefileDump dump, Board board, string? subtarget)
    {
        string info = "", current = "", subtargets = "";
        var log = board.Record ? new InputLog(dump.Environment) : null;
        var result = dump.Run(board.Directory, board.RelativeDirectory, CommandLine(subtarget), log, inspect: ev =>
        {
            if (ev.ValueOf("kiln_target_dump") is { Length: > 0 }) info = ev.ValueOf("kiln_target_info") ?? "";
            current = ev.ValueOf("CUR_SUBTARGET") ?? "";
            subtargets = ev.ValueOf("SUBTARGETS") ?? "";
        });
        return new Part(result.Stdout + info, result.Stderr, result.Error)
        {
            CurrentSubtarget = current, Subtargets = subtargets, Inputs = log is { Repeatable: true } ? log.Inputs : null, Missing = log?.Missing ?? [],
        };
    }

    private static Part ReadImages(MakefileDump dump, Board board, string subtarget, bool skipFailingDevices)
    {
        var log = board.Record ? new InputLog(dump.Environment) : null;
        var result = dump.Run(board.Directory + "/image", board.RelativeDirectory + "/image", CommandLine(subtarget), log,
            functions: DeviceCollector.ScanFunctions(skipFailingDevices ? new DeviceErrors() : null));
        return new Part(result.Stdout, result.Stderr, result.Error) { Inputs = log is { Repeatable: true } ? log.Inputs : null, Missing = log?.Missing ?? [] };
    }

    /// <summary>A board to read (a Makefile the walk found) or a part of a board read already.</summary>
    private sealed record Work(FoundMakefile? Candidate, PendingPart? Part);

    /// <summary>What one evaluation printed.</summary>
    private sealed record Part(string Output, string Diagnostics, string? Error)
    {
        public string CurrentSubtarget { get; init; } = "";

        public string Subtargets { get; init; } = "";

        /// <summary>What the evaluation saw (null: not recorded, or not repeatable).</summary>
        public IReadOnlyList<RecordedInput>? Inputs { get; init; }

        /// <summary>The variable names the evaluation looked up and did not find (<see cref="InputLog.Missing"/>).</summary>
        public IReadOnlyCollection<ulong> Missing { get; init; } = [];
    }

    /// <summary>A piece of a board still to be read, and where its result goes.</summary>
    private sealed record PendingPart(Board Board, int Index, Func<MakefileDump, Part> Reader)
    {
        public void Read(MakefileDump dump) => Board.Parts[Index] = Reader(dump);
    }

    /// <summary>
    /// A board's parts in the order OpenWrt prints them: the board, the images of the subtarget
    /// it stands for (when it has none), then each subtarget and its images.
    /// </summary>
    /// <param name="foundDirectory">The board's directory below the scanned one, as the walk found it (the cache's key).</param>
    /// <param name="record">Record what each evaluation sees, for the cache.</param>
    private sealed class Board(string directory, string relativeDirectory, string foundDirectory, bool record)
    {
        public string Directory { get; } = directory;

        public string RelativeDirectory { get; } = relativeDirectory;

        public string FoundDirectory { get; } = foundDirectory;

        public bool Record { get; } = record;

        /// <summary>What every part's evaluation saw, in the parts' order; null when one of them was not recorded.</summary>
        public IReadOnlyList<RecordedInput>? Inputs() =>
            Parts.All(p => p.Inputs is not null) ? Parts.SelectMany(p => p.Inputs!).ToList() : null;

        /// <summary>The variable names any part's evaluation looked up and did not find.</summary>
        public ulong[] Missing() => EnvironmentKey.Sorted(Parts.SelectMany(p => p.Missing));

        public List<Part> Parts { get; } = [];

        /// <param name="onlySubtarget">Read only this subtarget (and the board), or all when null.</param>
        /// <param name="skipFailingDevices">See <see cref="TargetScanOptions.SkipFailingDevices"/>.</param>
        public IEnumerable<PendingPart> Pending(string? onlySubtarget, bool skipFailingDevices)
        {
            var board = Parts[0];
            var pending = new List<PendingPart>();
            void Add(Func<MakefileDump, Part> reader)
            {
                Parts.Add(null!);
                pending.Add(new PendingPart(this, Parts.Count - 1, reader));
            }
            if (board.CurrentSubtarget.Length > 0) Add(dump => ReadImages(dump, this, board.CurrentSubtarget, skipFailingDevices));
            foreach (var name in board.Subtargets.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (onlySubtarget is not null && name != onlySubtarget) continue;
                Add(dump => ReadTarget(dump, this, name));
                // A subtarget's Makefile stands for the subtarget itself (CUR_SUBTARGET = SUBTARGET).
                Add(dump => ReadImages(dump, this, name, skipFailingDevices));
            }
            return pending;
        }

        public BoardScan Result()
        {
            var output = new StringBuilder();
            var diagnostics = new StringBuilder();
            foreach (var part in Parts)
            {
                output.Append(part.Output);
                diagnostics.Append(part.Diagnostics);
                if (part.Error is not null)
                    return new BoardScan(ByteText.FromOs(RelativeDirectory + "/Makefile"), output.ToString(), diagnostics.ToString(), part.Error);
            }
            return new BoardScan(ByteText.FromOs(RelativeDirectory + "/Makefile"), output.ToString(), diagnostics.ToString(), null);
        }
    }

    /// <summary>Everything besides the recorded inputs that a board's result depends on.</summary>
    private string CacheKey(MakefileDump dump)
    {
        var key = new StringBuilder();
        key.Append(typeof(Evaluator).Assembly.ManifestModule.ModuleVersionId).Append('\0');
        key.Append(typeof(TargetScanner).Assembly.ManifestModule.ModuleVersionId).Append('\0');
        key.Append(dump.TopDirectory).Append('\0').Append(options.ScanDirectory).Append('\0').Append(options.MaxDepth).Append('\0');
        key.Append(options.OnlyBoard).Append('\0').Append(options.OnlySubtarget).Append('\0').Append(options.SkipFailingDevices).Append('\0');
        key.Append(options.Config?.Write()).Append('\0');
        EnvironmentKey.Append(key, dump.Environment);
        return CacheDigest.OfKey(key.ToString());
    }

    /// <summary>What OpenWrt's scan passes (TARGET_BUILD=1 through SCAN_MAKEOPTS), and SUBTARGET for the sub-makes.</summary>
    private static string[] CommandLine(string? subtarget) =>
        subtarget is null ? ["DUMP=1", "FEED=", "TARGET_BUILD=1"] : ["DUMP=1", "FEED=", "TARGET_BUILD=1", "SUBTARGET=" + subtarget];
}
