namespace Kiln.Configuration.Kconfig;

[Flags]
public enum SymbolFlags
{
    None = 0,
    Const = 0x1,
    Check = 0x8,
    Choice = 0x10,
    ChoiceValue = 0x20,
    Valid = 0x80,
    Optional = 0x100,
    Write = 0x200,
    Written = 0x800,
    NoWrite = 0x1000,
    Checked = 0x2000,
    Warned = 0x8000,
    DefUser = 0x10000,
    NeedSetChoiceValues = 0x100000,
}

/// <summary>A symbol's value: a tristate and, for strings, numbers and choices, a text or the chosen member.</summary>
public struct SymbolValue
{
    public string? Text;
    public KconfigSymbol? Chosen;
    public Tristate Tri;

    public readonly bool SameAs(SymbolValue other) =>
        Tri == other.Tri && Chosen == other.Chosen && ReferenceEquals(Text, other.Text);
}

/// <summary>An expression and the value it had when last computed (dependencies, selects, implies).</summary>
public struct ExprValue
{
    public KconfigExpr? Expr;
    public Tristate Tri;
}

/// <summary>
/// A config symbol, a choice (a nameless symbol whose value is its chosen member) or a constant
/// (y, m, n, or a quoted or undefined word). Its definition comes from the properties of every
/// place that declares it; its value is computed lazily by <see cref="KconfigEvaluator"/>.
/// </summary>
public sealed class KconfigSymbol(string? name, SymbolFlags flags, int creationIndex)
{
    public string? Name { get; } = name;
    public SymbolType Type { get; set; }
    public SymbolFlags Flags { get; set; } = flags;
    public List<KconfigProperty> Properties { get; } = [];

    /// <summary>Where the symbol is declared, in order (a symbol may be declared more than once).</summary>
    public List<KconfigMenu> Menus { get; } = [];

    public ExprValue DirectDependency;
    public ExprValue ReverseDependency;
    public ExprValue Implied;
    public Tristate Visible;
    public SymbolValue Current;
    public SymbolValue User;

    /// <summary>For a choice: its members in order. For a member: its choice.</summary>
    public List<KconfigSymbol> ChoiceMembers { get; } = [];
    public KconfigSymbol? OwningChoice { get; set; }

    /// <summary>The order in which Kconfig's symbol table holds it (see <see cref="KconfigTree.SymbolsInTableOrder"/>).</summary>
    public int CreationIndex { get; } = creationIndex;

    public bool Has(SymbolFlags flag) => (Flags & flag) != 0;

    public bool IsChoice => Has(SymbolFlags.Choice);
    public bool IsChoiceValue => Has(SymbolFlags.ChoiceValue);
    public bool HasUserValue => Has(SymbolFlags.DefUser);
    public bool IsConst => Has(SymbolFlags.Const);

    public string DisplayName => Name is null ? "<choice>" : IsConst && Name is not ("y" or "m" or "n") ? $"\"{Name}\"" : Name;

    public IEnumerable<KconfigProperty> Prompts
    {
        get
        {
            foreach (var property in Properties)
                if (property.Text is not null) yield return property;
        }
    }

    public IEnumerable<KconfigProperty> OfKind(PropertyKind kind)
    {
        foreach (var property in Properties)
            if (property.Kind == kind) yield return property;
    }

    public override string ToString() => DisplayName;
}
