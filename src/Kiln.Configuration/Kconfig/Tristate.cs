namespace Kiln.Configuration.Kconfig;

/// <summary>A Kconfig truth value: n, m (a module) or y. Ordered, so that AND is the minimum and OR the maximum.</summary>
public enum Tristate : byte { No = 0, Mod = 1, Yes = 2 }

public static class TristateLogic
{
    public static Tristate And(Tristate a, Tristate b) => a < b ? a : b;

    public static Tristate Or(Tristate a, Tristate b) => a > b ? a : b;

    public static Tristate Not(Tristate a) => (Tristate)(2 - (int)a);

    public static string Letter(Tristate value) => value switch { Tristate.Yes => "y", Tristate.Mod => "m", _ => "n" };
}

/// <summary>A symbol's type as declared (unknown until a type line or a default with a type gives one).</summary>
public enum SymbolType : byte { Unknown, Boolean, Tristate, Int, Hex, String }

public static class SymbolTypeNames
{
    /// <summary>The type as Kconfig names it in messages and help (sym_type_name).</summary>
    public static string Name(SymbolType type) => type switch
    {
        SymbolType.Boolean => "bool",
        SymbolType.Tristate => "tristate",
        SymbolType.Int => "integer",
        SymbolType.Hex => "hex",
        SymbolType.String => "string",
        _ => "unknown",
    };
}
