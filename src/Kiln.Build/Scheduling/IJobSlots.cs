namespace Kiln.Build.Scheduling;

/// <summary>
/// The job slots a build shares (a make jobserver's): Kiln's first running node uses Kiln's own
/// slot, each further one at the same time takes one of the <see cref="Jobs"/> - 1 others.
/// </summary>
public interface IJobSlots
{
    /// <summary>How many jobs may run at once, Kiln's own slot included.</summary>
    int Jobs { get; }

    /// <summary>Takes a slot; waits until one is free.</summary>
    void Acquire();

    void Release();
}
