using Kiln.Core.Errors;

namespace Kiln.Configuration.Kconfig;

/// <summary>
/// A parsed and finalized Kconfig world: the menu tree, every symbol, and the values computed from
/// them. One instance per configuration being worked on; nothing is shared between instances.
/// </summary>
public sealed class KconfigTree
{
    private readonly Dictionary<string, KconfigSymbol> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KconfigSymbol> _constants = new(StringComparer.Ordinal);
    private readonly List<KconfigSymbol> _all = [];
    private KconfigSymbol[]? _tableOrder;

    public KconfigTree()
    {
        Yes = Constant("y", Tristate.Yes);
        Mod = Constant("m", Tristate.Mod);
        No = Constant("n", Tristate.No);
        Root = new KconfigMenu(null, null, "", 0);
        Modules = No;
    }

    public KconfigSymbol Yes { get; }
    public KconfigSymbol Mod { get; }
    public KconfigSymbol No { get; }
    public KconfigMenu Root { get; }

    /// <summary>The symbol marked "modules" (n when there is none: then m means y).</summary>
    public KconfigSymbol Modules { get; internal set; }

    /// <summary>The warnings reading and evaluating produced, worded as conf words them.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Kconfig variables (NAME := value) by name.</summary>
    internal Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>The named, non-constant symbols in the order they were first mentioned.</summary>
    public IEnumerable<KconfigSymbol> Symbols
    {
        get
        {
            foreach (var symbol in _all)
                if (symbol.Name is not null && !symbol.IsConst && !symbol.IsChoice) yield return symbol;
        }
    }

    public KconfigSymbol? Find(string name) =>
        name is "y" ? Yes : name is "m" ? Mod : name is "n" ? No : _symbols.GetValueOrDefault(name);

    /// <summary>Kconfig's sym_lookup: the symbol of that name, created (type unknown) when it is new.</summary>
    internal KconfigSymbol Lookup(string name)
    {
        if (name is "y") return Yes;
        if (name is "m") return Mod;
        if (name is "n") return No;
        if (_symbols.TryGetValue(name, out var symbol)) return symbol;
        symbol = Create(name, SymbolFlags.None);
        _symbols.Add(name, symbol);
        return symbol;
    }

    /// <summary>A quoted word: a constant symbol, shared by every use of the same text.</summary>
    internal KconfigSymbol LookupConstant(string text)
    {
        if (text is "y") return Yes;
        if (text is "m") return Mod;
        if (text is "n") return No;
        if (_constants.TryGetValue(text, out var symbol)) return symbol;
        symbol = Create(text, SymbolFlags.Const);
        _constants.Add(text, symbol);
        return symbol;
    }

    private readonly Dictionary<string, KconfigSymbol> _namedChoices = new(StringComparer.Ordinal);

    internal KconfigSymbol LookupChoice(string? name)
    {
        if (name is not null && _namedChoices.TryGetValue(name, out var existing)) return existing;
        var choice = Create(name, SymbolFlags.Choice);
        if (name is not null) _namedChoices.Add(name, choice);
        return choice;
    }

    private KconfigSymbol Constant(string name, Tristate value)
    {
        var symbol = new KconfigSymbol(name, SymbolFlags.Const | SymbolFlags.Valid, -1);
        symbol.Current = new SymbolValue { Text = name, Tri = value };
        return symbol;
    }

    private KconfigSymbol Create(string? name, SymbolFlags flags)
    {
        var symbol = new KconfigSymbol(name, flags, _all.Count);
        _all.Add(symbol);
        _tableOrder = null;
        return symbol;
    }

    /// <summary>
    /// Every symbol (choices and constants included) in the order Kconfig's hash table walks them:
    /// by bucket of the FNV-1 hash of the name, newest first within a bucket. Kconfig computes
    /// values in this order when it reads a .config, and with recursive dependencies the order
    /// can decide a value, so Kiln walks them the same way.
    /// </summary>
    public IReadOnlyList<KconfigSymbol> SymbolsInTableOrder
    {
        get
        {
            if (_tableOrder is not null) return _tableOrder;
            const uint hashSize = 9973;
            var order = new (uint Bucket, int Index, KconfigSymbol Symbol)[_all.Count];
            for (var i = 0; i < _all.Count; i++)
            {
                var symbol = _all[i];
                var hash = 2166136261U;
                if (symbol.Name is not null)
                    foreach (var c in symbol.Name) hash = (hash ^ (uint)(int)(sbyte)(byte)c) * 0x01000193;
                order[i] = (symbol.Name is null ? 0 : hash % hashSize, i, symbol);
            }
            Array.Sort(order, (a, b) => a.Bucket != b.Bucket ? a.Bucket.CompareTo(b.Bucket) : b.Index.CompareTo(a.Index));
            return _tableOrder = Array.ConvertAll(order, entry => entry.Symbol);
        }
    }

    /// <summary>Parses a Kconfig file (and what it sources) and finalizes the menus.</summary>
    /// <param name="sourceTree">The directory source paths are relative to (conf's working directory).</param>
    /// <param name="file">The top file, relative to <paramref name="sourceTree"/> (as conf names files in messages).</param>
    /// <param name="shell">What runs $(shell,...) commands (null: each runs when the file asks for it).</param>
    public static KconfigTree Load(string sourceTree, string file, KconfigSourceOverrides? generated = null, KconfigShell? shell = null)
    {
        var tree = new KconfigTree();
        using (var own = shell is null ? new KconfigShell(sourceTree, null) : null)
            new KconfigParser(tree, sourceTree, generated, shell ?? own!).ParseFile(file);
        tree.Complete();
        return tree;
    }

    /// <summary>Parses Kconfig text given directly (a file name for messages) and finalizes it.</summary>
    public static KconfigTree Parse(string text, string file, string sourceTree = ".", KconfigSourceOverrides? generated = null,
        KconfigShell? shell = null)
    {
        var tree = new KconfigTree();
        using (var own = shell is null ? new KconfigShell(sourceTree, null) : null)
            new KconfigParser(tree, sourceTree, generated, shell ?? own!).ParseText(text, file);
        tree.Complete();
        return tree;
    }

    private void Complete()
    {
        Root.Prompt ??= new KconfigProperty(PropertyKind.Menu, Root, "", 0) { Text = "Main menu" };
        MenuFinalizer.Finalize(this);
        DependencyCycles.Check(this);
    }

    internal static UserError Error(string message) => new(message);
}
