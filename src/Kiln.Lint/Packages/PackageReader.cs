using Kiln.Core.Errors;
using Kiln.Lint.Built;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;
using Kiln.Make.Variables;
using Kiln.OpenWrt.Evaluation;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;

namespace Kiln.Lint.Packages;

/// <summary>
/// Reads a package's Makefile once more, as its scan did (<c>DUMP=1</c>), to keep what the scan
/// does not: every variable the package's own files set, with its text and where it was set.
/// With the tree's build (<c>--built</c>), it also finds what the build produced for it.
/// Thread-safe: each read has its own evaluator.
/// </summary>
public sealed class PackageReader(MakefileDump dump, SourceLines lines, TreeCatalog tree, BuiltTree? built = null)
{
    /// <summary>Values longer than this are not expanded: no check reads them, and they may be recipes.</summary>
    private const int MaxExpandedLength = 4096;

    private readonly string _top = dump.TopDirectory;
    private readonly string _api = dump.TopDirectory + "/include/";
    private readonly string _rules = dump.TopDirectory + "/rules.mk";

    /// <summary>The package, or the error that stops its Makefile (already in make's words).</summary>
    public (LintedPackage? Package, string? Error) Read(SourcePackage source)
    {
        var workingDirectory = MakefileDump.Canonical(Path.Combine(_top, source.Directory));
        var feed = source.Directory.Split('/') is ["package", "feeds", var installed, ..] ? installed : "";
        var assignments = new Dictionary<string, MakefileAssignment>(StringComparer.Ordinal);
        var facts = new FactsCollector();
        var result = dump.Run(workingDirectory, source.Directory, ["DUMP=1", "FEED=" + feed], null, facts.Functions,
            evaluator => Collect(evaluator, source, workingDirectory, assignments));
        return result.Error is { } error ? (null, error) : (new LintedPackage(source, _top, assignments, lines, tree)
        {
            Built = built is null ? null : PackageBuild.Of(source, built),
        }, null);
    }

    private void Collect(Evaluator evaluator, SourcePackage source, string workingDirectory, Dictionary<string, MakefileAssignment> into)
    {
        // A copy: expanding a value may set variables ($(eval), $(call) of a define that assigns).
        foreach (var variable in evaluator.Variables.Global.All.ToList())
        {
            if (variable.Origin != Origin.File || variable.Location.File is not { } file || IsApi(file)) continue;
            var location = new SourceLocation(TreePath(file, source, workingDirectory), variable.Location.Line);
            var isDefine = lines.Line(location.File!, location.Line).TrimStart().StartsWith("define", StringComparison.Ordinal);
            into[variable.Name] = new MakefileAssignment(variable.Name, variable.Value,
                isDefine ? null : Expand(evaluator, variable), location, isDefine) { FileLines = isDefine ? DefineBody(location) : null };
        }
    }

    /// <summary>The lines of the file between the <c>define</c> at <paramref name="location"/> and its <c>endef</c> (nested ones counted).</summary>
    private List<string> DefineBody(SourceLocation location)
    {
        var body = new List<string>();
        var depth = 1;
        for (var number = location.Line + 1; number <= MaxDefineLines + location.Line; number++)
        {
            var line = lines.Line(location.File!, number);
            var word = line.AsSpan().TrimStart();
            if (word.StartsWith("endef", StringComparison.Ordinal) && (word.Length == 5 || char.IsWhiteSpace(word[5]) || word[5] == '#')) depth--;
            else if (word.StartsWith("define", StringComparison.Ordinal) && (word.Length == 6 || char.IsWhiteSpace(word[6]))) depth++;
            if (depth == 0) break;
            body.Add(line);
        }
        return body;
    }

    /// <summary>Where a define's body is looked for its endef no further: a file's end reads as empty lines.</summary>
    private const int MaxDefineLines = 100_000;

    private static string? Expand(Evaluator evaluator, Variable variable)
    {
        if (!variable.IsRecursive) return variable.Value;
        if (variable.Value.Length > MaxExpandedLength) return null;
        try
        {
            return evaluator.ValueOf(variable.Name);
        }
        catch (UserError)
        {
            return null;
        }
    }

    private bool IsApi(string file) => file.StartsWith(_api, StringComparison.Ordinal) || file == _rules;

    /// <summary>
    /// A file the evaluation read, named from the tree: below the package directory by the
    /// package's path (which may go through a link, as package/feeds/ does), anything else by where
    /// it really is (a path outside the tree stays absolute).
    /// </summary>
    private string TreePath(string file, SourcePackage source, string workingDirectory)
    {
        var path = ByteText.ToOs(file);
        if (!path.StartsWith('/'))
        {
            if (!path.StartsWith("../", StringComparison.Ordinal) && !path.Contains("/../", StringComparison.Ordinal))
                return source.Directory + "/" + (path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path);
            path = Path.GetFullPath(Path.Combine(workingDirectory, path));
        }
        if (path.StartsWith(workingDirectory + "/", StringComparison.Ordinal)) return source.Directory + path[workingDirectory.Length..];
        return path.StartsWith(_top + "/", StringComparison.Ordinal) ? path[(_top.Length + 1)..] : path;
    }
}
