namespace Kiln.Configuration.Kconfig;

public enum PropertyKind : byte { Prompt, Comment, Menu, Default, Select, Imply, Range, Reset }

/// <summary>
/// One line of a symbol's or menu's definition: a prompt (with its text), a default, select,
/// imply or range (with its expression), each with the condition under which it applies
/// (its own "if" and, after finalizing, every dependency of the place it is written).
/// </summary>
public sealed class KconfigProperty(PropertyKind kind, KconfigMenu menu, string file, int line)
{
    public PropertyKind Kind { get; set; } = kind;
    public KconfigMenu Menu { get; } = menu;
    public string File { get; } = file;
    public int Line { get; } = line;
    public string? Text { get; set; }
    public KconfigExpr? Expr { get; set; }
    public ExprValue Visible;

    /// <summary>The symbol a default, select or imply names.</summary>
    public KconfigSymbol? Symbol => Expr is { Kind: ExprKind.Symbol } e ? e.LeftSymbol : null;

    public string KindName => Kind switch
    {
        PropertyKind.Prompt => "prompt",
        PropertyKind.Comment => "comment",
        PropertyKind.Menu => "menu",
        PropertyKind.Default => "default",
        PropertyKind.Select => "select",
        PropertyKind.Imply => "imply",
        PropertyKind.Range => "range",
        _ => "reset",
    };
}
