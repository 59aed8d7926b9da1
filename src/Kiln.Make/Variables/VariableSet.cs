namespace Kiln.Make.Variables;

/// <summary>One table of variables: the global set, a $(call)/$(foreach) scope, or a target's set.</summary>
public sealed class VariableSet
{
    private readonly Dictionary<string, Variable> _table;
    private readonly Dictionary<string, Variable>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;

    public VariableSet(int capacity = 0)
    {
        _table = new Dictionary<string, Variable>(capacity, StringComparer.Ordinal);
        _spanLookup = _table.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _table.Count;

    public IEnumerable<Variable> All => _table.Values;

    /// <summary>Bumped whenever a name is added or removed, so .VARIABLES knows when to rebuild.</summary>
    public int ChangeCount { get; private set; }

    public Variable? Find(string name) => _table.GetValueOrDefault(name);

    public Variable? Find(ReadOnlySpan<char> name) => _spanLookup.TryGetValue(name, out var v) ? v : null;

    public void Add(Variable variable)
    {
        _table.Add(variable.Name, variable);
        ChangeCount++;
    }

    public bool Remove(string name)
    {
        if (!_table.Remove(name)) return false;
        ChangeCount++;
        return true;
    }
}
