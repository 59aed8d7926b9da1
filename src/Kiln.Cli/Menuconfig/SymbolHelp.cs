using System.Text;
using Kiln.Configuration.Kconfig;

namespace Kiln.Cli.Menuconfig;

/// <summary>
/// The help of an entry as mconf shows it (menu_get_ext_help and get_symbol_str in menu.c): the
/// help text, then the symbol's value, type, range, where it is defined with its prompt,
/// dependencies and location, and what selects or implies it, each symbol with its value.
/// </summary>
public sealed class SymbolHelp(MenuSession session)
{
    private const string NoHelp = "There is no help available for this option.";

    public string For(KconfigMenu menu)
    {
        var text = new StringBuilder();
        var symbol = menu.Symbol;
        if (menu.Help is { } help && symbol is not null)
        {
            if (symbol.Name is not null) text.Append("CONFIG_").Append(symbol.Name).Append(":\n\n");
            // Kconfig's help text keeps its last newline, and a blank line follows it.
            text.Append(help.TrimEnd('\n')).Append("\n\n");
        }
        else
        {
            text.Append(NoHelp).Append('\n');
        }
        if (symbol is not null) AppendSymbol(text, symbol);
        return text.ToString();
    }

    private string Expr(KconfigExpr expr) => expr.ToString(session.Value);

    private void AppendSymbol(StringBuilder text, KconfigSymbol symbol)
    {
        if (symbol.Name is not null)
        {
            text.Append("Symbol: ").Append(symbol.Name).Append(" [=").Append(session.Value(symbol)).Append("]\n");
            text.Append("Type  : ").Append(SymbolTypeNames.Name(symbol.Type)).Append('\n');
            if (symbol.Type is SymbolType.Int or SymbolType.Hex && session.Evaluator.RangeProperty(symbol) is { Expr: { } range })
                text.Append("Range : ").Append(Expr(range)).Append('\n');
        }
        // Definitions with prompts come before the ones without, as in menu.c.
        foreach (var menu in symbol.Menus.Where(m => m.Prompt is not null))
        {
            text.Append("Defined at ").Append(menu.File).Append(':').Append(menu.Line).Append('\n');
            AppendPrompt(text, menu);
        }
        foreach (var menu in symbol.Menus.Where(m => m.Prompt is null))
        {
            text.Append("Defined at ").Append(menu.File).Append(':').Append(menu.Line).Append('\n');
            AppendDependency(text, menu.Dependency, "  Depends on: ");
        }
        AppendProperties(text, symbol, PropertyKind.Select, "Selects: ");
        AppendReverse(text, symbol.ReverseDependency.Expr, "Selected by");
        AppendProperties(text, symbol, PropertyKind.Imply, "Implies: ");
        AppendReverse(text, symbol.Implied.Expr, "Implied by");
        text.Append("\n\n");
    }

    private void AppendPrompt(StringBuilder text, KconfigMenu menu)
    {
        var prompt = menu.Prompt!;
        text.Append("  Prompt: ").Append(prompt.Text).Append('\n');
        AppendDependency(text, menu.Dependency, "  Depends on: ");
        // Most prompts are visible exactly when their dependencies hold; the rest say both.
        if (!SameText(menu.Dependency, prompt.Visible.Expr)) AppendDependency(text, prompt.Visible.Expr, "  Visible if: ");
        text.Append("  Location:\n");
        var path = Location.Path(menu).ToList();
        for (var depth = 0; depth < path.Count; depth++)
        {
            var step = path[depth];
            text.Append(new string(' ', 2 * depth + 4)).Append("-> ").Append(MenuPage.Prompt(step));
            if (step.Symbol is { } stepSymbol)
                text.Append(" (").Append(stepSymbol.Name ?? "<choice>").Append(" [=").Append(session.Value(stepSymbol)).Append("])");
            text.Append('\n');
        }
    }

    private static bool SameText(KconfigExpr? a, KconfigExpr? b) => a?.ToString() == b?.ToString();

    private void AppendDependency(StringBuilder text, KconfigExpr? expr, string prefix)
    {
        if (expr is null || expr is { Kind: ExprKind.Symbol, LeftSymbol.Name: "y", LeftSymbol.IsConst: true }) return;
        text.Append(prefix).Append(Expr(expr)).Append('\n');
    }

    private void AppendProperties(StringBuilder text, KconfigSymbol symbol, PropertyKind kind, string prefix)
    {
        var exprs = symbol.OfKind(kind).Where(p => p.Expr is not null).Select(p => Expr(p.Expr!)).ToList();
        if (exprs.Count > 0) text.Append(prefix).Append(string.Join(" && ", exprs)).Append('\n');
    }

    /// <summary>expr_print_revdep: the terms of a reverse dependency grouped by the value each has now.</summary>
    private void AppendReverse(StringBuilder text, KconfigExpr? expr, string title)
    {
        if (expr is null) return;
        var terms = new List<KconfigExpr>();
        Terms(expr, terms);
        foreach (var value in new[] { Tristate.Yes, Tristate.Mod, Tristate.No })
        {
            var matching = terms.Where(t => session.Evaluator.Evaluate(t) == value).ToList();
            if (matching.Count == 0) continue;
            text.Append(title).Append(" [").Append(TristateLogic.Letter(value)).Append("]:\n");
            foreach (var term in matching) text.Append("  - ").Append(Expr(term)).Append('\n');
        }
    }

    private static void Terms(KconfigExpr expr, List<KconfigExpr> into)
    {
        if (expr.Kind == ExprKind.Or)
        {
            Terms(expr.Left!, into);
            Terms(expr.Right!, into);
        }
        else into.Add(expr);
    }
}
