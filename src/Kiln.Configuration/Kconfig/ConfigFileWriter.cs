using System.Text;

namespace Kiln.Configuration.Kconfig;

/// <summary>
/// Writes .config text as conf_write does: the heading with the main menu's title, the symbols
/// to be written in menu order (each once), "# CONFIG_X is not set" for n, strings quoted with
/// '"' and '\' escaped, and a comment block for each visible menu and comment, with
/// "# end of TITLE" after each menu.
/// </summary>
public static class ConfigFileWriter
{
    public static string Write(KconfigEvaluator evaluator)
    {
        var tree = evaluator.Tree;
        var text = new StringBuilder(1 << 16);
        text.Append("#\n# Automatically generated file; DO NOT EDIT.\n# ").Append(tree.Root.Prompt!.Text).Append("\n#\n");
        var written = new HashSet<KconfigSymbol>();
        var needNewline = false;
        var visibility = new MenuVisibility(evaluator);
        var menu = tree.Root.FirstChild;
        while (menu is not null)
        {
            var symbol = menu.Symbol;
            if (symbol is null)
            {
                if (visibility.IsVisible(menu))
                {
                    text.Append("\n#\n# ").Append(menu.PromptText).Append("\n#\n");
                    needNewline = false;
                }
            }
            else if (!symbol.IsChoice && !written.Contains(symbol))
            {
                evaluator.CalcValue(symbol);
                if (symbol.Has(SymbolFlags.Write))
                {
                    if (needNewline)
                    {
                        text.Append('\n');
                        needNewline = false;
                    }
                    written.Add(symbol);
                    AppendSymbol(text, evaluator, symbol);
                }
            }

            if (menu.FirstChild is not null)
            {
                menu = menu.FirstChild;
                continue;
            }
            while (true)
            {
                if (menu.Symbol is null && menu != tree.Root && menu.IsMenu && visibility.IsVisible(menu))
                {
                    text.Append("# end of ").Append(menu.PromptText).Append('\n');
                    needNewline = true;
                }
                if (menu.Next is not null)
                {
                    menu = menu.Next;
                    break;
                }
                menu = menu.Parent;
                if (menu is null || menu == tree.Root) { menu = null; break; }
            }
        }
        return text.ToString();
    }

    /// <summary>One symbol's line; nothing for a symbol of unknown type.</summary>
    public static void AppendSymbol(StringBuilder text, KconfigEvaluator evaluator, KconfigSymbol symbol)
    {
        if (symbol.Type == SymbolType.Unknown) return;
        var value = evaluator.StringValue(symbol);
        if (symbol.Type is SymbolType.Boolean or SymbolType.Tristate && value == "n")
        {
            text.Append("# CONFIG_").Append(symbol.Name).Append(" is not set\n");
            return;
        }
        text.Append("CONFIG_").Append(symbol.Name).Append('=');
        if (symbol.Type == SymbolType.String) AppendQuoted(text, value);
        else text.Append(value);
        text.Append('\n');
    }

    public static void AppendQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') text.Append('\\');
            text.Append(c);
        }
        text.Append('"');
    }
}
