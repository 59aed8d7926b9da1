using Kiln.Core.Errors;
using Kiln.Make.Syntax.Expressions;
using Kiln.Make.Text;

namespace Kiln.Make.Variables;

/// <summary>
/// All variables of one evaluation: the global set, the stack of $(call)/$(foreach) scopes, and
/// target-specific sets. Lookups walk the current chain; definitions go to the global set unless
/// a target's set is given, as in make.
/// </summary>
public sealed class VariableStore
{
    public const string VariablesName = ".VARIABLES";

    private readonly VariableScope _globalScope;
    private readonly Dictionary<string, VariableSet> _targetSets = new(StringComparer.Ordinal);
    private int _variablesListChangeCount = -1;

    public VariableStore(bool environmentOverrides = false)
    {
        // An OpenWrt package Makefile ends with 500 to 550 global variables; room for them from the start.
        Global = new VariableSet(768);
        _globalScope = new VariableScope(Global, null);
        Current = _globalScope;
        EnvironmentOverrides = environmentOverrides;
    }

    public VariableSet Global { get; }

    /// <summary>The chain lookups start from.</summary>
    public VariableScope Current { get; set; }

    internal VariableScope GlobalScope => _globalScope;

    /// <summary>make -e: environment variables beat makefile assignments.</summary>
    public bool EnvironmentOverrides { get; }

    public IReadOnlyDictionary<string, VariableSet> TargetSets => _targetSets;

    public List<PatternVariable> PatternVariables { get; } = [];

    /// <summary>Told of every variable found that came from the environment, and of every name not found, or null.</summary>
    internal Evaluation.IEvaluationInputs? Inputs { get; set; }

    /// <summary>Told of every name looked up or defined while a shared prelude is being taken, or null.</summary>
    internal IVariableObserver? Observer { get; set; }

    public Variable? Lookup(string name)
    {
        Observer?.Looked(name);
        var isParent = false;
        for (var scope = Current; scope is not null; scope = scope.Next)
        {
            var v = scope.Set.Find(name);
            if (v is not null && (!isParent || !v.IsPrivate)) return Seen(v);
            isParent |= scope.NextIsParent;
        }
        Inputs?.VariableMissing(name);
        return null;
    }

    public Variable? Lookup(ReadOnlySpan<char> name)
    {
        Observer?.Looked(name.ToString());
        var isParent = false;
        for (var scope = Current; scope is not null; scope = scope.Next)
        {
            var v = scope.Set.Find(name);
            if (v is not null && (!isParent || !v.IsPrivate)) return Seen(v);
            isParent |= scope.NextIsParent;
        }
        Inputs?.VariableMissing(name);
        return null;
    }

    private Variable Seen(Variable v)
    {
        if (v.Origin is Origin.Environment or Origin.EnvironmentOverride) Inputs?.EnvironmentRead(v.Name);
        return Special(v);
    }

    /// <summary>
    /// make's define_variable_in_set: creates the variable, or replaces its value if the new origin
    /// ranks at least as high as the old one. Returns the variable either way.
    /// </summary>
    public Variable Define(string name, string value, Origin origin, bool recursive, SourceLocation location, VariableSet? set = null,
        Expr? parsedValue = null)
    {
        set ??= Global;
        var v = set.Find(name);
        if (v is not null)
        {
            if (Replaces(v, ref origin))
            {
                v.SetValue(value, parsedValue);
                v.Location = location;
                v.Origin = origin;
                v.IsRecursive = recursive;
            }
            return v;
        }
        Observer?.Defined(name);
        if (EnvironmentOverrides && origin == Origin.Environment) origin = Origin.EnvironmentOverride;
        v = new Variable(name, value, recursive, origin, location, parsedValue);
        set.Add(v);
        return v;
    }

    /// <summary>
    /// <c>+=</c> of <paramref name="addition"/> to <paramref name="global"/>, a variable of the global set with a value:
    /// what <see cref="Define"/> of its value, a space and the addition does, but the value grows in place
    /// (<see cref="Variable.AppendValue"/>): a list appended to a thousand times (the BUILD_PACKAGES of
    /// package/kernel/linux's modules) is not copied each time.
    /// </summary>
    public Variable Append(Variable global, string addition, Origin origin, SourceLocation location)
    {
        if (Replaces(global, ref origin))
        {
            global.AppendValue(addition);
            global.Location = location;
            global.Origin = origin;
        }
        return global;
    }

    /// <summary>Whether a definition of <paramref name="origin"/> replaces the value of <paramref name="v"/> (make's origin ranks, -e included).</summary>
    private bool Replaces(Variable v, ref Origin origin)
    {
        Observer?.Defined(v.Name);
        if (EnvironmentOverrides && origin == Origin.Environment) origin = Origin.EnvironmentOverride;
        if (EnvironmentOverrides && v.Origin == Origin.Environment) v.Origin = Origin.EnvironmentOverride;
        return origin >= v.Origin;
    }

    /// <summary>make's undefine: removes a global variable unless it came from a stronger origin.</summary>
    public void Undefine(string name, Origin origin)
    {
        Observer?.Undefined(name);
        if (EnvironmentOverrides && origin == Origin.Environment) origin = Origin.EnvironmentOverride;
        var v = Global.Find(name);
        if (v is null) return;
        if (EnvironmentOverrides && v.Origin == Origin.Environment) v.Origin = Origin.EnvironmentOverride;
        if (origin >= v.Origin) Global.Remove(name);
    }

    public void PushScope(VariableSet set) => Current = new VariableScope(set, Current);

    public void PopScope() => Current = Current.Next ?? throw new InvalidOperationException("popped the global scope");

    /// <summary>The variable set of a target, created on first use, whose parent is the global set.</summary>
    public VariableScope TargetScope(string target)
    {
        if (!_targetSets.TryGetValue(target, out var set))
        {
            set = new VariableSet(4);
            _targetSets.Add(target, set);
        }
        return new VariableScope(set, _globalScope, nextIsParent: true);
    }

    private Variable Special(Variable v)
    {
        if (!v.IsVariablesList) return v;
        if (_variablesListChangeCount != Global.ChangeCount)
        {
            v.SetValue(string.Join(' ', Global.All.Select(x => x.Name)));
            _variablesListChangeCount = Global.ChangeCount;
        }
        return v;
    }
}

/// <summary>Sees the names an evaluation looks up and defines.</summary>
internal interface IVariableObserver
{
    void Looked(string name);

    void Defined(string name);

    void Undefined(string name);
}

/// <summary>A pattern-specific variable (<c>%.o: CFLAGS += -g</c>), kept for later stages.</summary>
public sealed record PatternVariable(string Pattern, Variable Variable);
