namespace Kiln.Configuration.Kconfig;

/// <summary>
/// A node of the menu tree: the root, a menu, a comment, an if block, a choice or a symbol's
/// declaration. After finalizing, symbols that depend on the one before them hang below it, as
/// menuconfig shows them, and if blocks are flattened away.
/// </summary>
public sealed class KconfigMenu(KconfigSymbol? symbol, KconfigMenu? parent, string file, int line)
{
    public KconfigSymbol? Symbol { get; } = symbol;
    public KconfigMenu? Parent { get; set; } = parent;
    public KconfigMenu? FirstChild { get; set; }
    public KconfigMenu? Next { get; set; }
    public KconfigProperty? Prompt { get; set; }
    public KconfigExpr? Dependency { get; set; }
    public KconfigExpr? Visibility { get; set; }
    public string? Help { get; set; }
    public string File { get; } = file;
    public int Line { get; } = line;

    public IEnumerable<KconfigMenu> Children
    {
        get
        {
            for (var child = FirstChild; child is not null; child = child.Next) yield return child;
        }
    }

    /// <summary>A real menu (menu/endmenu or a menuconfig symbol), as opposed to a comment or a symbol's entry.</summary>
    public bool IsMenu => Prompt?.Kind == PropertyKind.Menu;

    public string? PromptText => Prompt?.Text ?? Symbol?.Name;

    public override string ToString() => $"{File}:{Line}: {PromptText}";
}
