namespace Kiln.Configuration.Kconfig;

/// <summary>Kconfig's menu_is_visible: whether a menu entry shows (its prompt's condition, its "visible if", or a visible child of a set symbol).</summary>
public sealed class MenuVisibility(KconfigEvaluator evaluator)
{
    public bool IsVisible(KconfigMenu menu)
    {
        if (menu.Prompt is null) return false;
        if (menu.Visibility is not null && evaluator.Evaluate(menu.Visibility) == Tristate.No) return false;
        Tristate visible;
        var symbol = menu.Symbol;
        if (symbol is not null)
        {
            evaluator.CalcValue(symbol);
            visible = menu.Prompt.Visible.Tri;
        }
        else
        {
            visible = menu.Prompt.Visible.Tri = evaluator.Evaluate(menu.Prompt.Visible.Expr);
        }
        if (visible != Tristate.No) return true;
        if (symbol is null || symbol.Current.Tri == Tristate.No) return false;
        for (var child = menu.FirstChild; child is not null; child = child.Next)
        {
            if (!IsVisible(child)) continue;
            // As Kconfig: a hidden symbol with visible children counts as set by the user.
            symbol.Flags |= SymbolFlags.DefUser;
            return true;
        }
        return false;
    }
}
