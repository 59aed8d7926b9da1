using System.Collections.Concurrent;
using System.Diagnostics;

namespace Kiln.Make.Evaluation;

/// <summary>
/// Where evaluations spend their time and memory, summed over every evaluation given it: setting an
/// evaluator up, restoring a shared first statement, each makefile read (included ones by file name, the
/// time of what they include counted in theirs too). Measured on the evaluating thread: time is elapsed
/// time, garbage collections included. Thread-safe.
/// </summary>
public sealed class EvaluationProfile
{
    /// <summary>The part that is the evaluator's construction (make's start-up variables).</summary>
    public const string Setup = "setting up";

    /// <summary>The part that is the state after a shared first statement put in place (<see cref="SharedPrelude"/>).</summary>
    public const string PreludeRestored = "restoring the shared first statement";

    /// <summary>The part that is the makefile read first, whole (what the others are parts of).</summary>
    public const string Whole = "whole makefile";

    private readonly ConcurrentDictionary<string, Totals> _parts = new(StringComparer.Ordinal);

    /// <summary>One measured part.</summary>
    public sealed record Part(string Name, int Count, TimeSpan Time, long AllocatedBytes);

    /// <summary>The parts measured so far, the most costly in time first.</summary>
    public IReadOnlyList<Part> Parts =>
        [.. _parts.Select(p => new Part(p.Key, p.Value.Count, Stopwatch.GetElapsedTime(0, p.Value.Ticks), p.Value.Bytes))
            .OrderByDescending(p => p.Time).ThenBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>
    /// The measure of the current thread now, to give <see cref="Add"/> when the part ends; without a
    /// <paramref name="profile"/> to add to, nothing is read (evaluations that are not measured pay nothing).
    /// </summary>
    internal static Mark Start(EvaluationProfile? profile) =>
        profile is null ? default : new(Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread());

    internal void Add(string part, Mark start)
    {
        var ticks = Stopwatch.GetTimestamp() - start.Ticks;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - start.Bytes;
        var totals = _parts.GetOrAdd(part, _ => new Totals());
        Interlocked.Increment(ref totals.Count);
        Interlocked.Add(ref totals.Ticks, ticks);
        Interlocked.Add(ref totals.Bytes, bytes);
    }

    internal readonly record struct Mark(long Ticks, long Bytes);

    private sealed class Totals
    {
        public int Count;
        public long Ticks;
        public long Bytes;
    }
}
