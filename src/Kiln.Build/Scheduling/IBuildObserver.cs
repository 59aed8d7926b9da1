namespace Kiln.Build.Scheduling;

/// <summary>Hears what a build does, for a live display or a log; called from the build's threads.</summary>
public interface IBuildObserver
{
    void Planned(int nodes);

    /// <summary>A step starts; <paramref name="why"/> says why it is not up to date (for --explain).</summary>
    void StepStarted(string node, string step, string why);

    void StepUpToDate(string node, string step);

    /// <summary>A step's outputs were taken from the build cache instead of running it.</summary>
    void StepFromCache(string node, string step);

    /// <summary>The build cache could not supply (or store) a node's steps; <paramref name="why"/> says what it lacked (for --explain).</summary>
    void CacheMissed(string node, string why);

    void NodeFinished(string node, bool succeeded);

    void Message(string text);
}

/// <summary>Nothing to report to.</summary>
public sealed class SilentObserver : IBuildObserver
{
    public void Planned(int nodes) { }

    public void StepStarted(string node, string step, string why) { }

    public void StepUpToDate(string node, string step) { }

    public void StepFromCache(string node, string step) { }

    public void CacheMissed(string node, string why) { }

    public void NodeFinished(string node, bool succeeded) { }

    public void Message(string text) { }
}
