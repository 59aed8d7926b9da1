using System.Collections.Concurrent;
using Kiln.Core.Errors;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;
using Kiln.Make.Variables;
using Kiln.Packages.Scanning;

namespace Kiln.Lint.Packages;

/// <summary>
/// Sees the scan's evaluation of each package a lint checks and keeps what the scan does not:
/// every variable the package's own files set, with its text and where it was set (the API's
/// rules.mk and include/ are not the package's). Thread-safe: the scan calls it from its workers.
/// </summary>
public sealed class AssignmentCollector(string topDirectory, PathSelection selection, SourceLines lines) : IMakefileInspector
{
    private readonly string _api = topDirectory + "/include/";
    private readonly string _rules = topDirectory + "/rules.mk";
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, MakefileAssignment>> _packages = new(StringComparer.Ordinal);

    public bool Wants(string directory) => selection.Contains(directory);

    public void Inspect(string directory, Evaluator evaluator)
    {
        var workingDirectory = ByteText.ToOs(evaluator.WorkingDirectory);
        var assignments = new Dictionary<string, MakefileAssignment>(StringComparer.Ordinal);
        foreach (var variable in evaluator.Variables.Global.All)
        {
            if (variable.Origin != Origin.File || variable.Location.File is not { } file || IsApi(file)) continue;
            var location = new SourceLocation(TreePath(file, directory, workingDirectory), variable.Location.Line);
            var line = lines.Line(location.File!, location.Line);
            var isDefine = line.TrimStart().StartsWith("define", StringComparison.Ordinal);
            assignments[variable.Name] = new MakefileAssignment(variable.Name, variable.Value, location, isDefine, line)
            {
                FileLines = isDefine ? DefineBody(location) : null,
            };
        }
        _packages[directory] = assignments;
    }

    /// <summary>What the package in <paramref name="directory"/> (relative to the tree) sets, when the scan evaluated it.</summary>
    public IReadOnlyDictionary<string, MakefileAssignment>? Assignments(string directory) => _packages.GetValueOrDefault(directory);

    /// <summary>
    /// The lines of the file between the <c>define</c> at <paramref name="location"/> and its <c>endef</c>
    /// (nested ones counted): the evaluation joins a line continued with a backslash, the file does not.
    /// </summary>
    private List<string> DefineBody(SourceLocation location)
    {
        var body = new List<string>();
        var file = lines.Of(location.File!);
        var depth = 1;
        for (var number = location.Line + 1; number <= file.Length; number++)
        {
            var line = file[number - 1];
            var word = line.AsSpan().TrimStart();
            if (word.StartsWith("endef", StringComparison.Ordinal) && (word.Length == 5 || char.IsWhiteSpace(word[5]) || word[5] == '#')) depth--;
            else if (word.StartsWith("define", StringComparison.Ordinal) && (word.Length == 6 || char.IsWhiteSpace(word[6]))) depth++;
            if (depth == 0) break;
            body.Add(line);
        }
        return body;
    }

    private bool IsApi(string file) => file.StartsWith(_api, StringComparison.Ordinal) || file == _rules;

    /// <summary>
    /// A file the evaluation read, named from the tree: below the package directory by the
    /// package's path (which may go through a link, as package/feeds/ does), anything else by where
    /// it really is (a path outside the tree stays absolute).
    /// </summary>
    private string TreePath(string file, string directory, string workingDirectory)
    {
        var path = ByteText.ToOs(file);
        if (!path.StartsWith('/'))
        {
            if (!path.StartsWith("../", StringComparison.Ordinal) && !path.Contains("/../", StringComparison.Ordinal))
                return directory + "/" + (path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path);
            path = Path.GetFullPath(Path.Combine(workingDirectory, path));
        }
        if (path.StartsWith(workingDirectory + "/", StringComparison.Ordinal)) return directory + path[workingDirectory.Length..];
        return path.StartsWith(topDirectory + "/", StringComparison.Ordinal) ? path[(topDirectory.Length + 1)..] : path;
    }
}
