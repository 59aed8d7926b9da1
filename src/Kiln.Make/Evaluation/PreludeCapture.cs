using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Syntax;
using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

/// <summary>
/// Watches an evaluation that may read a <see cref="SharedPrelude"/>'s statement first: passes its
/// inputs and output on, and while the statement is read records what makes the state it reaches
/// shareable or not (<see cref="Finish"/>). Installed at construction while the prelude has no
/// state; records nothing unless <see cref="Start"/> is called.
/// </summary>
internal sealed class PreludeCapture(IEvaluationInputs? inputs, IMakeOutput output) : IEvaluationInputs, IMakeOutput, IVariableObserver
{
    // What the statement learned from outside, to tell each evaluation that restores the state (whose inputs may be null).
    private readonly List<Action<IEvaluationInputs?, Evaluator>> _inputs = [];
    private readonly List<(AssignmentSyntax? Assignment, SourceLocation At)> _statements = [];
    private readonly List<(int Statement, string Name)> _reads = [];
    private readonly List<(int Statement, string Name)> _definitions = [];
    private bool _recording;
    private bool _refused;
    private VariableState[] _start = [];

    /// <summary>Starts recording, before the statement is read.</summary>
    public void Start(Evaluator ev)
    {
        _recording = true;
        _start = ev.Variables.Global.All.Select(VariableState.Of).ToArray();
        ev.Variables.Observer = this;
        if (!PreludeState.NothingReadYet(ev)) Refuse();
    }

    /// <summary>Stops recording once the statement was read; the state reached, unless something in it may differ between evaluations.</summary>
    public PreludeState? Finish(Evaluator ev)
    {
        ev.Variables.Observer = null;
        if (ev.Variables.TargetSets.Count > 0 || ev.Variables.PatternVariables.Count > 0) Refuse();
        var rerun = Rerun();
        _recording = false;
        if (_refused) return null;
        return new PreludeState(ev.ReadMakefiles[0], _start, ev.Variables.Global.All.Select(VariableState.Of).ToArray(), [.. ev.Rules.All],
            ev.RuleTargets.Copy(), [.. ev.ReadMakefiles.Skip(1)], [.. ev.MissingIncludes], ev.RecipePrefix, ev.ExportAll, [.. _inputs],
            rerun);
    }

    /// <summary>Something was read that may differ between evaluations, other than through CURDIR.</summary>
    public void Refuse()
    {
        if (_recording) _refused = true;
    }

    /// <summary>A makefile line is about to be read.</summary>
    public void Statement(AssignmentSyntax? assignment, SourceLocation at)
    {
        if (_recording) _statements.Add((assignment, at));
    }

    /// <summary>
    /// The statements whose result comes from CURDIR, to run again in each evaluation, in order:
    /// those that read CURDIR or a variable such a statement defined. Each must be a one-line
    /// <c>:=</c> assignment of one variable that it does not read itself and that nothing after
    /// it defines again, and nothing after it may define the other names it read; then running
    /// them after the rest gives what running them in their places gave.
    /// </summary>
    private (AssignmentSyntax, SourceLocation)[] Rerun()
    {
        var rerun = new List<(AssignmentSyntax, SourceLocation)>();
        var fromWorkingDirectory = new HashSet<string>(StringComparer.Ordinal) { PreludeState.WorkingDirectoryVariable };
        var reads = _reads.ToLookup(r => r.Statement, r => r.Name);
        if (reads[-1].Contains(PreludeState.WorkingDirectoryVariable) || _definitions.Any(d => d.Name == PreludeState.WorkingDirectoryVariable)) Refuse();
        for (var statement = 0; statement < _statements.Count; statement++)
        {
            var read = reads[statement].ToHashSet(StringComparer.Ordinal);
            if (!read.Overlaps(fromWorkingDirectory)) continue;
            var defined = _definitions.Where(d => d.Statement == statement).Select(d => d.Name).Distinct().ToList();
            if (_statements[statement].Assignment is not { Kind: AssignmentKind.Plain } assignment
                || assignment.Definition!.Operator != AssignmentOperator.Simple || defined is not [var name] || read.Contains(name)
                || _definitions.Any(d => d.Statement > statement && (d.Name == name || read.Contains(d.Name))))
            {
                Refuse();
                break;
            }
            fromWorkingDirectory.Add(name);
            rerun.Add((assignment, _statements[statement].At));
        }
        return [.. rerun];
    }

    private int CurrentStatement => _statements.Count - 1;

    void IVariableObserver.Looked(string name)
    {
        if (_recording) _reads.Add((CurrentStatement, name));
    }

    void IVariableObserver.Defined(string name)
    {
        if (_recording) _definitions.Add((CurrentStatement, name));
    }

    void IVariableObserver.Undefined(string name) => Refuse();

    private void Record(Action<IEvaluationInputs?, Evaluator> input)
    {
        if (_recording) _inputs.Add(input);
    }

    public void FileRead(string osPath, byte[] contentHash)
    {
        inputs?.FileRead(osPath, contentHash);
        Record((to, _) => to?.FileRead(osPath, contentHash));
    }

    public void PathQueried(string osPath, PathQuery query, bool answer)
    {
        inputs?.PathQueried(osPath, query, answer);
        Record((to, _) => to?.PathQueried(osPath, query, answer));
    }

    public void FileTimeRead(string osPath, long? seconds)
    {
        inputs?.FileTimeRead(osPath, seconds);
        Record((to, _) => to?.FileTimeRead(osPath, seconds));
    }

    public void DirectoryListed(string osDirectory, IReadOnlyList<string> names)
    {
        inputs?.DirectoryListed(osDirectory, names);
        // The listing also enters the restoring evaluation's directory cache, as reading it would have.
        Record((to, ev) =>
        {
            to?.DirectoryListed(osDirectory, names);
            ev.Files.Remember(osDirectory, names);
        });
    }

    public void PathResolved(string path, string directory, string? resolved)
    {
        inputs?.PathResolved(path, directory, resolved);
        // Only an absolute path gets here while recording; each evaluation reports it from its own directory.
        Record((to, ev) => to?.PathResolved(path, ev.WorkingDirectory, resolved));
    }

    public void ShellRan(ShellInvocation invocation, ShellOutcome outcome)
    {
        inputs?.ShellRan(invocation, outcome);
        Refuse();
    }

    public void EnvironmentRead(string name)
    {
        inputs?.EnvironmentRead(name);
        Record((to, _) => to?.EnvironmentRead(name));
    }

    public void VariableMissing(ReadOnlySpan<char> name)
    {
        inputs?.VariableMissing(name);
        if (!_recording) return;
        var text = name.ToString();
        _inputs.Add((to, _) => to?.VariableMissing(text));
    }

    public void NotRepeatable()
    {
        inputs?.NotRepeatable();
        Refuse();
    }

    public void Info(string text)
    {
        output.Info(text);
        Refuse();
    }

    public void Diagnostic(string line)
    {
        output.Diagnostic(line);
        Refuse();
    }

    public void ErrorText(string text)
    {
        output.ErrorText(text);
        Refuse();
    }
}
