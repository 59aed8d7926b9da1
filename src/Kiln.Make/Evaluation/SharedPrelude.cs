using Kiln.Core.Errors;
using Kiln.Make.Rules;
using Kiln.Make.Syntax;
using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

/// <summary>
/// A first statement that many makefiles share, such as OpenWrt's <c>include $(TOPDIR)/rules.mk</c>,
/// read once: an evaluation whose makefile begins with it (the third: see <see cref="ReadsBeforeTaking"/>)
/// keeps the state it reached (variables, rules, makefiles read, inputs), and the later ones restore
/// that state instead of reading the same files again. A state is kept only if no part of it can
/// differ between evaluations: a simple assignment whose value comes from CURDIR is run again in
/// each one (<see cref="PreludeCapture"/> says which); anything else that
/// depends on the working directory, a command, a message or an $(eval) keeps nothing, and every
/// evaluation reads the statement itself. The evaluations given one prelude must have the same
/// options but for the working directory, inputs and output. They see the files the statement
/// looked at as they were when the state was kept: those answers are among the inputs each of
/// them records, so a result kept from it is checked against them. Thread-safe.
/// </summary>
public sealed class SharedPrelude(string statement)
{
    private PreludeState? _state;
    private int _asked;

    /// <summary>The statement, exactly as the makefile's first logical line holds it.</summary>
    public string Statement { get; } = statement;

    /// <summary>Whether a state was kept, so that evaluations now start from it.</summary>
    public bool IsShared => State is not null;

    internal PreludeState? State => Volatile.Read(ref _state);

    // Taking a state costs more than reading the statement: a prelude read by one or two makefiles
    // alone (a target's board and image Makefiles share a command line) is never taken.
    private const int ReadsBeforeTaking = 2;

    /// <summary>Whether the caller is the one evaluation that tries to keep a state (the first after <see cref="ReadsBeforeTaking"/>).</summary>
    internal bool TryTake() => Interlocked.Increment(ref _asked) == ReadsBeforeTaking + 1;

    /// <summary>Whether an evaluation starting now may be the one that tries: none has yet.</summary>
    internal bool MayBeTaken => Volatile.Read(ref _asked) <= ReadsBeforeTaking;

    internal void Keep(PreludeState state) => Volatile.Write(ref _state, state);
}

/// <summary>The state after a shared first statement, and how to give it to another evaluation.</summary>
internal sealed class PreludeState(
    string makefile,
    VariableState[] start,
    VariableState[] end,
    Rule[] rules,
    RuleRecorder targets,
    string[] makefilesRead,
    MissingInclude[] missingIncludes,
    char recipePrefix,
    bool exportAll,
    Action<IEvaluationInputs?, Evaluator>[] inputs,
    (AssignmentSyntax Assignment, SourceLocation At)[] rerun)
{
    /// <summary>The one variable whose value differs between evaluations that start alike.</summary>
    public const string WorkingDirectoryVariable = "CURDIR";

    /// <summary>
    /// Puts <paramref name="ev"/> where the statement would have left it; false (and nothing
    /// changed) when <paramref name="ev"/> did not start as the evaluation the state came from.
    /// </summary>
    public bool Restore(Evaluator ev)
    {
        if (!StartsAlike(ev)) return false;
        var global = ev.Variables.Global;
        for (var i = 0; i < end.Length; i++)
        {
            var state = end[i];
            if (i >= start.Length) global.Add(state.Create());
            else if (state.Name != WorkingDirectoryVariable) state.ApplyTo(global.Find(state.Name)!);
        }
        foreach (var rule in rules) ev.Rules.Add(rule);
        ev.RuleTargets.CopyFrom(targets);
        ev.ReadMakefiles.AddRange(makefilesRead);
        foreach (var missing in missingIncludes) ev.AddMissingInclude(missing);
        ev.RecipePrefix = recipePrefix;
        ev.ExportAll = exportAll;
        foreach (var input in inputs) input(ev.Options.Inputs, ev);
        var saved = ev.ReadingLocation;
        foreach (var (assignment, at) in rerun)
        {
            ev.ReadingLocation = at;
            MakefileReader.AssignOneLine(ev, assignment, at);
        }
        ev.ReadingLocation = saved;
        return true;
    }

    /// <summary>Whether <paramref name="ev"/> has read its makefile's name and nothing else yet: it is at its first statement.</summary>
    public static bool NothingReadYet(Evaluator ev) =>
        ev.Rules.All.Count == 0 && ev.MissingIncludes.Count == 0 && ev.Variables.TargetSets.Count == 0 && !ev.ExportAll && ev.RecipePrefix == '\t'
        && ev.ReadMakefiles.Count == 1;

    /// <summary>The same variables as where the state was taken (CURDIR's value aside), in the same order, and nothing read yet.</summary>
    private bool StartsAlike(Evaluator ev)
    {
        if (!NothingReadYet(ev) || ev.ReadMakefiles[0] != makefile || ev.Variables.Global.Count != start.Length) return false;
        var i = 0;
        foreach (var v in ev.Variables.Global.All)
        {
            var state = start[i++];
            if (state.Name == WorkingDirectoryVariable ? v.Name != state.Name : !state.Matches(v)) return false;
        }
        return true;
    }
}
