using Kiln.Build.Cache;
using Kiln.Build.Scheduling;
using Spectre.Console;

namespace Kiln.Cli.Output;

/// <summary>
/// What a build shows while it runs: on a terminal, a live line with the packages being built
/// and how many of the run's packages are done (Spectre.Console), with a line per step that
/// runs; elsewhere nothing but failures (and, with --explain, why each step runs).
/// </summary>
public sealed class BuildDisplay(bool explain) : IBuildObserver
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, string> _running = new(StringComparer.Ordinal);
    private int _total;
    private int _done;
    private int _stepsRun;
    private int _stepsUpToDate;
    private int _stepsFromCache;
    private StatusContext? _status;

    public static bool Interactive => !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs the build under the live display when there is a terminal.</summary>
    public T Show<T>(Func<T> build)
    {
        if (!Interactive) return build();
        return AnsiConsole.Status().Spinner(Spinner.Known.Dots).Start("starting", status =>
        {
            lock (_gate) _status = status;
            return build();
        });
    }

    public void Planned(int nodes)
    {
        lock (_gate) _total = nodes;
        Refresh();
    }

    public void StepStarted(string node, string step, string why)
    {
        lock (_gate)
        {
            _running[node] = step;
            _stepsRun++;
        }
        if (explain) Line($"{step} {node}: {why}");
        else if (Interactive) Line($"{step} {node}");
        Refresh();
    }

    public void StepUpToDate(string node, string step)
    {
        lock (_gate) _stepsUpToDate++;
        if (explain) Line($"{step} {node}: up to date");
    }

    public void StepFromCache(string node, string step)
    {
        lock (_gate) _stepsFromCache++;
        if (explain) Line($"{step} {node}: from the cache");
        else if (Interactive) Line($"{step} {node} (cached)");
    }

    public void CacheMissed(string node, string why)
    {
        if (explain) Line($"{node}: not from the cache: {why}");
    }

    public void NodeFinished(string node, bool succeeded)
    {
        lock (_gate)
        {
            _running.Remove(node);
            _done++;
        }
        Refresh();
    }

    /// <summary>One line for the end of a build that succeeded.</summary>
    public string Summary(TimeSpan elapsed)
    {
        lock (_gate)
            return $"kiln: {_done} built ({_stepsRun} steps run, {_stepsUpToDate} up to date" +
                (_stepsFromCache > 0 ? $", {_stepsFromCache} from the cache" : "") + $") in {elapsed.TotalSeconds:0.0} s";
    }

    /// <summary>What the build cache did (a line), and why outputs could not be stored (warnings).</summary>
    public static IEnumerable<string> CacheSummary(CacheReport report)
    {
        var statistics = report.Statistics;
        var misses = Enum.GetValues<MissKind>().Where(k => statistics.Misses(k) > 0).Select(k => $"{statistics.Misses(k)} {MissName(k)}").ToList();
        yield return $"kiln: cache {report.Location}: {report.RestoredSteps} steps taken, {report.UploadedRecords} stored" +
            $" ({Size(statistics.BytesDownloaded)} down, {Size(statistics.BytesUploaded)} up)" +
            (misses.Count > 0 ? "; misses: " + string.Join(", ", misses) : "");
        foreach (var problem in report.Problems.Take(5)) yield return "kiln: warning: cache: " + problem;
        if (report.Problems.Count > 5) yield return $"kiln: warning: cache: {report.Problems.Count - 5} more outputs not stored";
    }

    private static string Size(long bytes) => bytes < 1 << 20 ? $"{bytes / 1024.0:0.0} KB" : $"{bytes / 1048576.0:0.0} MB";

    private static string MissName(MissKind kind) => kind switch
    {
        MissKind.NotFound => "not found",
        MissKind.ServerError => "server errors",
        MissKind.LocalError => "local errors",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public void Message(string text)
    {
        if (explain || Interactive) Line(text);
    }

    private void Line(string text)
    {
        lock (_gate)
        {
            if (Interactive) AnsiConsole.MarkupLine("[grey]" + Markup.Escape(text) + "[/]");
            else Console.Error.WriteLine(text);
        }
    }

    private void Refresh()
    {
        lock (_gate)
        {
            if (_status is null) return;
            var now = _running.Count == 0 ? "" : ": " + string.Join(", ", _running.Select(r => $"{r.Key} ({r.Value})"));
            _status.Status(Markup.Escape($"[{_done}/{_total}] building{now}"));
        }
    }
}
