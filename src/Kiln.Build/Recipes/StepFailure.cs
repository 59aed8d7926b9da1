namespace Kiln.Build.Recipes;

/// <summary>A command of a step's recipe that failed: what ran, its exit status and where its log is.</summary>
public sealed class StepFailure(string command, int status, string logPath)
    : Exception($"command failed with exit status {status}: {command}")
{
    public string Command { get; } = command;

    public int Status { get; } = status;

    public string LogPath { get; } = logPath;

    /// <summary>The last lines of the step's log.</summary>
    public IReadOnlyList<string> Tail(int lines)
    {
        if (!File.Exists(LogPath)) return [];
        var all = File.ReadAllLines(LogPath);
        return all[Math.Max(0, all.Length - lines)..];
    }
}
