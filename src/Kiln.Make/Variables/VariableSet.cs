namespace Kiln.Make.Variables;

/// <summary>
/// One table of variables: the global set, a $(call)/$(foreach) scope, or a target's set.
/// Small sets (scopes) are plain arrays searched linearly; they become hash tables when they grow.
/// </summary>
public sealed class VariableSet
{
    private const int SmallLimit = 8;

    private Variable[]? _small;
    private int _smallCount;
    private Dictionary<string, Variable>? _table;
    private Dictionary<string, Variable>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;

    public VariableSet(int capacity = 0)
    {
        if (capacity <= SmallLimit) _small = new Variable[Math.Max(capacity, 1)];
        else CreateTable(capacity);
    }

    public int Count => _table?.Count ?? _smallCount;

    public IEnumerable<Variable> All => _table is not null ? _table.Values : _small!.Take(_smallCount);

    /// <summary>Bumped whenever a name is added or removed, so .VARIABLES knows when to rebuild.</summary>
    public int ChangeCount { get; private set; }

    public Variable? Find(string name)
    {
        if (_table is not null) return _table.GetValueOrDefault(name);
        var items = _small!;
        for (var i = 0; i < _smallCount; i++)
        {
            var v = items[i];
            if (ReferenceEquals(v.Name, name) || v.Name == name) return v;
        }
        return null;
    }

    public Variable? Find(ReadOnlySpan<char> name)
    {
        if (_table is not null) return _spanLookup.TryGetValue(name, out var v) ? v : null;
        var items = _small!;
        for (var i = 0; i < _smallCount; i++)
            if (name.SequenceEqual(items[i].Name)) return items[i];
        return null;
    }

    /// <summary>Makes room for <paramref name="more"/> names to come at once (a file of thousands of options): one growth, not several.</summary>
    public void MakeRoomFor(int more)
    {
        if (_table is not null) _table.EnsureCapacity(_table.Count + more);
        else if (_smallCount + more > SmallLimit) CreateTableWith(_smallCount + more);
    }

    public void Add(Variable variable)
    {
        ChangeCount++;
        if (_table is not null)
        {
            _table.Add(variable.Name, variable);
            return;
        }
        if (_smallCount == SmallLimit)
        {
            CreateTableWith(SmallLimit * 4);
            _table!.Add(variable.Name, variable);
            return;
        }
        if (_smallCount == _small!.Length) Array.Resize(ref _small, Math.Min(_small.Length * 2, SmallLimit));
        _small[_smallCount++] = variable;
    }

    public bool Remove(string name)
    {
        if (_table is not null)
        {
            if (!_table.Remove(name)) return false;
            ChangeCount++;
            return true;
        }
        for (var i = 0; i < _smallCount; i++)
        {
            if (_small![i].Name != name) continue;
            Array.Copy(_small, i + 1, _small, i, _smallCount - i - 1);
            _small[--_smallCount] = null!;
            ChangeCount++;
            return true;
        }
        return false;
    }

    /// <summary>Moves the names kept in the small array into a table of <paramref name="capacity"/>.</summary>
    private void CreateTableWith(int capacity)
    {
        var items = _small!;
        CreateTable(capacity);
        for (var i = 0; i < _smallCount; i++) _table!.Add(items[i].Name, items[i]);
        _small = null;
    }

    private void CreateTable(int capacity)
    {
        _table = new Dictionary<string, Variable>(capacity, StringComparer.Ordinal);
        _spanLookup = _table.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
