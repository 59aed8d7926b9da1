using Kiln.Make.Evaluation;

namespace Kiln.Build.Packages;

/// <summary>Records the files an evaluation read and their content hashes (the rest it learns is not needed for stamps).</summary>
internal sealed class MakefilesRead : IEvaluationInputs
{
    private readonly List<KeyValuePair<string, string>> _files = [];

    public IReadOnlyList<KeyValuePair<string, string>> Files => _files;

    public void FileRead(string osPath, byte[] contentHash) => _files.Add(new(osPath, Convert.ToHexStringLower(contentHash)));

    public void PathQueried(string osPath, PathQuery query, bool answer) { }

    public void DirectoryListed(string osDirectory, IReadOnlyList<string> names) { }

    public void PathResolved(string path, string directory, string? resolved) { }

    public void ShellRan(ShellInvocation invocation, ShellOutcome outcome) { }

    public void EnvironmentRead(string name) { }

    public void NotRepeatable() { }
}
