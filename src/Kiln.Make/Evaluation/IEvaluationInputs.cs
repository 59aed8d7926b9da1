namespace Kiln.Make.Evaluation;

/// <summary>What an evaluation asked about a path.</summary>
public enum PathQuery
{
    /// <summary>lstat succeeds (wildcard's test for a name without wildcards).</summary>
    Exists,

    /// <summary>The path leads to a directory.</summary>
    IsDirectory,

    /// <summary>The path leads to something that is not a directory.</summary>
    IsFile,
}

/// <summary>
/// Receives everything an evaluation learns from outside itself, as it happens: makefiles read,
/// paths probed, directories listed, paths resolved, commands run. Whoever records them can tell
/// later whether a new evaluation would see the same, and so would produce the same result.
/// Built-in makefiles (<see cref="IMakefileProvider"/>) and the options are not reported.
/// </summary>
public interface IEvaluationInputs
{
    void FileRead(string osPath, byte[] contentHash);

    void PathQueried(string osPath, PathQuery query, bool answer);

    /// <summary>A file's modification time was read (whole seconds since the epoch, null when it has none: it is missing).</summary>
    void FileTimeRead(string osPath, long? seconds);

    void DirectoryListed(string osDirectory, IReadOnlyList<string> names);

    void PathResolved(string path, string directory, string? resolved);

    void ShellRan(ShellInvocation invocation, ShellOutcome outcome);

    /// <summary>A variable that came from the environment was looked up (commands get the whole environment: see <see cref="ShellRan"/>).</summary>
    void EnvironmentRead(string name);

    /// <summary>A variable was looked up that is not defined: had the environment held it, it would have been.</summary>
    void VariableMissing(ReadOnlySpan<char> name);

    /// <summary>The evaluation did something that reusing its result would not repeat (wrote a file) or that may turn out otherwise (a command timed
    /// out).</summary>
    void NotRepeatable();
}
