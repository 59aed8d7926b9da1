using System.Diagnostics;
using System.Text;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;
using Kiln.Packages.Scanning;

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
        var dump = new MakefileDump(options.TopDirectory, options.Environment, options.ShellTimeout);
        var scanRoot = Path.Combine(dump.TopDirectory, options.ScanDirectory);
        if (!Directory.Exists(scanRoot))
            throw new MakeErrorException(SourceLocation.None, $"{options.ScanDirectory}: no such directory in {dump.TopDirectory}");
        var clock = Stopwatch.StartNew();
        var physicalRoot = MakefileDump.Canonical(scanRoot);
        var boards = new List<BoardScan>();
        ParallelWorkers.RunEach(MakefileFinder.Candidates(scanRoot, options.MaxDepth), options.Parallelism, (found, _) =>
        {
            if (!MakefileFinder.Qualifies(Path.Combine(scanRoot, found.Directory, "Makefile"), MakefileFinder.TargetCalls)) return;
            var directory = found.ThroughLink ? MakefileDump.Canonical(Path.Combine(scanRoot, found.Directory)) : physicalRoot + "/" + found.Directory;
            var board = ReadBoard(dump, directory, options.ScanDirectory + "/" + found.Directory);
            lock (boards) boards.Add(board);
        });
        boards.Sort((a, b) => string.CompareOrdinal(a.SourceMakefile, b.SourceMakefile));
        return new TargetScanResult(boards, clock.Elapsed);
    }

    private static BoardScan ReadBoard(MakefileDump dump, string directory, string relativeDirectory)
    {
        var output = new StringBuilder();
        var diagnostics = new StringBuilder();
        var error = ReadTarget(dump, directory, relativeDirectory, subtarget: null, output, diagnostics);
        return new BoardScan(ByteText.FromOs(relativeDirectory + "/Makefile"), output.ToString(), diagnostics.ToString(), error);
    }

    /// <summary>
    /// One (sub)target: its own block, then its image directory's device profiles, then (for the
    /// board itself) each subtarget in turn. Returns the first error.
    /// </summary>
    private static string? ReadTarget(MakefileDump dump, string directory, string relativeDirectory, string? subtarget, StringBuilder output, StringBuilder diagnostics)
    {
        var commandLine = CommandLine(subtarget);
        string info = "", current = "", subtargets = "";
        var result = dump.Run(directory, relativeDirectory, commandLine, inspect: ev =>
        {
            if (ev.ValueOf("kiln_target_dump") is { Length: > 0 }) info = ev.ValueOf("kiln_target_info") ?? "";
            current = ev.ValueOf("CUR_SUBTARGET") ?? "";
            subtargets = ev.ValueOf("SUBTARGETS") ?? "";
        });
        output.Append(result.Stdout).Append(info);
        diagnostics.Append(result.Stderr);
        if (result.Error is not null) return result.Error;

        if (current.Length > 0)
        {
            var image = dump.Run(directory + "/image", relativeDirectory + "/image", CommandLine(current));
            output.Append(image.Stdout);
            diagnostics.Append(image.Stderr);
            if (image.Error is not null) return image.Error;
        }
        if (subtarget is not null) return null;
        foreach (var name in subtargets.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var error = ReadTarget(dump, directory, relativeDirectory, name, output, diagnostics);
            if (error is not null) return error;
        }
        return null;
    }

    /// <summary>What OpenWrt's scan passes (TARGET_BUILD=1 through SCAN_MAKEOPTS), and SUBTARGET for the sub-makes.</summary>
    private static string[] CommandLine(string? subtarget) =>
        subtarget is null ? ["DUMP=1", "FEED=", "TARGET_BUILD=1"] : ["DUMP=1", "FEED=", "TARGET_BUILD=1", "SUBTARGET=" + subtarget];
}
