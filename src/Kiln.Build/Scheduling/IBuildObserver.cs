namespace Kiln.Build.Scheduling;

/// <summary>Hears what a build does, for a live display or a log; called from the build's threads.</summary>
public interface IBuildObserver
{
    void Planned(int nodes);

    /// <summary>A step starts; <paramref name="why"/> says why it is not up to date (for --explain).</summary>
    void StepStarted(string node, string step, string why);

    void StepUpToDate(string node, string step);

    void NodeFinished(string node, bool succeeded);

    void Message(string text);
}

/// <summary>Nothing to report to.</summary>
public sealed class SilentObserver : IBuildObserver
{
    public void Planned(int nodes) { }

    public void StepStarted(string node, string step, string why) { }

    public void StepUpToDate(string node, string step) { }

    public void NodeFinished(string node, bool succeeded) { }

    public void Message(string text) { }
}
