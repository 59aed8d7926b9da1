using Kiln.Build.Scheduling;

namespace Kiln.Build.Tests;

/// <summary>Remembers the plan's size, which steps ran (with why) and which were up to date, and how each node ended.</summary>
internal sealed class RecordingObserver : IBuildObserver
{
    private readonly Lock _gate = new();

    public List<(string Node, string Step, string Why)> Ran { get; } = [];

    public List<(string Node, string Step)> UpToDate { get; } = [];

    public List<(string Node, string Step)> FromCache { get; } = [];

    public List<(string Node, string Why)> CacheMisses { get; } = [];

    public List<string> Messages { get; } = [];

    /// <summary>Called (on the build's thread) as each node finishes.</summary>
    public Action<string>? OnNodeFinished { get; init; }

    /// <summary>What <see cref="Planned"/> was told; null when it was not called.</summary>
    public int? PlannedNodes { get; private set; }

    public List<(string Node, bool Succeeded)> Finished { get; } = [];

    /// <summary>"node step" of every step that ran, sorted.</summary>
    public IReadOnlyList<string> RanSteps
    {
        get
        {
            lock (_gate) return Ran.Select(r => $"{r.Node} {r.Step}").Order(StringComparer.Ordinal).ToList();
        }
    }

    public void Planned(int nodes)
    {
        lock (_gate) PlannedNodes = nodes;
    }

    public void StepStarted(string node, string step, string why)
    {
        lock (_gate) Ran.Add((node, step, why));
    }

    public void StepUpToDate(string node, string step)
    {
        lock (_gate) UpToDate.Add((node, step));
    }

    public void StepFromCache(string node, string step)
    {
        lock (_gate) FromCache.Add((node, step));
    }

    public void CacheMissed(string node, string why)
    {
        lock (_gate) CacheMisses.Add((node, why));
    }

    public void NodeFinished(string node, bool succeeded)
    {
        lock (_gate) Finished.Add((node, succeeded));
        OnNodeFinished?.Invoke(node);
    }

    public void Message(string text)
    {
        lock (_gate) Messages.Add(text);
    }
}
