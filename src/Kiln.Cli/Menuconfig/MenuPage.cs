using System.Text;
using Kiln.Configuration.Kconfig;

namespace Kiln.Cli.Menuconfig;

/// <summary>
/// The rows of one page as mconf lists them: build_conf for the main menu, a menu or a menuconfig
/// symbol's menu (entries that depend on the one before them indented below it, a choice as
/// "Title (current)  --->"), conf_choice's radio list for a choice. Only the entries listed are
/// evaluated, so a page of a large tree is quick to show.
/// </summary>
public sealed class MenuPage(MenuSession session, KconfigMenu page)
{
    private readonly List<MenuRow> _rows = [];
    private int _indent;

    public KconfigMenu Menu => page;

    public bool IsChoice => page.Symbol is { IsChoice: true };

    public static string Prompt(KconfigMenu menu) => menu.PromptText ?? "";

    public List<MenuRow> Rows()
    {
        _rows.Clear();
        _indent = 0;
        if (IsChoice) ChoiceRows();
        else Build(page);
        return [.. _rows];
    }

    private void ChoiceRows()
    {
        var choice = page.Symbol!;
        session.Evaluator.CalcValue(choice);
        var chosen = choice.Current.Chosen;
        foreach (var child in page.Children)
        {
            if (!session.Visibility.IsVisible(child)) continue;
            if (child.Symbol is null) _rows.Add(new MenuRow(child, $"    *** {Prompt(child)} ***", RowKind.Inert));
            else _rows.Add(new MenuRow(child, $"({(child.Symbol == chosen ? 'X' : ' ')}) {Prompt(child)}", RowKind.ChoiceMember));
        }
    }

    private void Add(KconfigMenu menu, string text, RowKind kind) => _rows.Add(new MenuRow(menu, text, kind));

    private string Pad => new(' ', _indent + 1);

    /// <summary>mconf's build_conf, without its single-menu and show-all modes.</summary>
    private void Build(KconfigMenu menu)
    {
        if (!session.Visibility.IsVisible(menu)) return;
        var symbol = menu.Symbol;
        var step = 2;
        if (symbol is null)
        {
            if (menu.Prompt is { } prompt && menu != page)
            {
                switch (prompt.Kind)
                {
                    case PropertyKind.Menu:
                        Add(menu, $"   {Pad}{Prompt(menu)}  {Arrow(menu)}", RowKind.Menu);
                        return;
                    case PropertyKind.Comment:
                        Add(menu, $"   {Pad}*** {Prompt(menu)} ***", RowKind.Inert);
                        break;
                    default:
                        Add(menu, $"---{Pad}{Prompt(menu)}", RowKind.Inert);
                        break;
                }
            }
            else step = 0;
            Children(menu, step);
            return;
        }

        session.Evaluator.CalcValue(symbol);
        var value = symbol.Current.Tri;
        var type = session.Evaluator.EffectiveType(symbol);
        if (symbol.IsChoice)
        {
            KconfigMenu? chosenMenu = null;
            foreach (var child in menu.Children)
                if (session.Visibility.IsVisible(child) && child.Symbol == symbol.Current.Chosen) chosenMenu = child;
            var text = new StringBuilder();
            if (session.Evaluator.IsChangeable(symbol)) text.Append(Box(symbol, type, value));
            else text.Append("   ");
            // mconf opens an unchangeable choice only when it has a visible chosen member.
            var kind = session.Evaluator.IsChangeable(symbol) || chosenMenu is not null ? RowKind.Tristate : RowKind.Inert;
            text.Append(Pad).Append(Prompt(menu));
            if (value == Tristate.Yes && chosenMenu is not null)
            {
                text.Append(" (").Append(Prompt(chosenMenu)).Append(")  --->");
                Add(menu, text.ToString(), kind);
                if (chosenMenu.FirstChild is not null)
                {
                    _indent += 2;
                    Build(chosenMenu);
                    _indent -= 2;
                }
                return;
            }
            Add(menu, text.ToString(), kind);
            Children(menu, step);
            return;
        }

        if (menu == page)
        {
            Add(menu, $"---{Pad}{Prompt(menu)}", RowKind.Inert);
            Children(menu, step);
            return;
        }
        var isNew = symbol.HasUserValue || !session.Evaluator.IsChangeable(symbol) ? "" : " (NEW)";
        if (symbol.IsChoiceValue && value == Tristate.Yes)
        {
            Add(menu, $"   {Pad}{Prompt(menu)}{isNew}", RowKind.Inert);
        }
        else if (type is SymbolType.Boolean or SymbolType.Tristate)
        {
            var line = $"{Box(symbol, type, value)}{Pad}{Prompt(menu)}{isNew}";
            if (menu.Prompt?.Kind == PropertyKind.Menu)
            {
                Add(menu, $"{line}  {Arrow(menu)}", RowKind.Tristate);
                return;
            }
            Add(menu, line, RowKind.Tristate);
        }
        else
        {
            var shown = session.Value(symbol);
            // mconf lines the prompts of values up after the parentheses, as far as they fit.
            var gap = Math.Max(1, _indent - (shown.Length + 2) + 4);
            Add(menu, $"({shown}){new string(' ', gap)}{Prompt(menu)}{isNew}", RowKind.Value);
        }
        Children(menu, step);
    }

    private void Children(KconfigMenu menu, int step)
    {
        _indent += step;
        foreach (var child in menu.Children) Build(child);
        _indent -= step;
    }

    /// <summary>"--->" for a menu with something to show, "----" for an empty one (menu_is_empty).</summary>
    private string Arrow(KconfigMenu menu) => menu.Children.Any(session.Visibility.IsVisible) ? "--->" : "----";

    private string Box(KconfigSymbol symbol, SymbolType type, Tristate value)
    {
        var mark = value switch { Tristate.Yes => '*', Tristate.Mod => 'M', _ => ' ' };
        if (type == SymbolType.Boolean) mark = value == Tristate.No ? ' ' : '*';
        if (!session.Evaluator.IsChangeable(symbol)) return $"-{mark}-";
        if (type == SymbolType.Boolean) return $"[{mark}]";
        return symbol.ReverseDependency.Tri == Tristate.Mod ? $"{{{mark}}}" : $"<{mark}>";
    }
}
