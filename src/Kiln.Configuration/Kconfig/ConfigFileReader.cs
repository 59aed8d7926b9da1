namespace Kiln.Configuration.Kconfig;

/// <summary>
/// Reads a .config (or a defconfig seed) into the symbols' user values as conf does
/// (conf_read_simple, then conf_read's checks): CONFIG_X=value and "# CONFIG_X is not set" lines,
/// values checked against the symbol's type, choice members making the choice, unknown symbols
/// skipped, other lines warned about.
/// </summary>
public sealed class ConfigFileReader(KconfigEvaluator evaluator)
{
    private const string Prefix = "CONFIG_";
    private readonly KconfigTree _tree = evaluator.Tree;

    /// <summary>Reads the text as the user's values; the file name is for warnings.</summary>
    public void Read(string text, string fileName, bool warnUnknown = false)
    {
        ReadSimple(text, fileName, warnUnknown);
        evaluator.CalcValue(_tree.Modules);
        var unsaved = 0;
        foreach (var symbol in _tree.SymbolsInTableOrder)
        {
            evaluator.CalcValue(symbol);
            if (symbol.IsChoice || symbol.Has(SymbolFlags.NoWrite)) continue;
            if (symbol.HasUserValue && symbol.Has(SymbolFlags.Write))
            {
                if (symbol.Type is SymbolType.Boolean or SymbolType.Tristate
                        ? symbol.User.Tri == symbol.Current.Tri
                        : symbol.Current.Text == symbol.User.Text)
                    continue;
            }
            else if (!symbol.HasUserValue && !symbol.Has(SymbolFlags.Write))
            {
                continue;
            }
            unsaved++;
        }
        foreach (var symbol in _tree.SymbolsInTableOrder)
        {
            if (!symbol.HasUserValue || symbol.IsChoiceValue) continue;
            // Values of symbols nobody can see are dropped when the file agreed with Kconfig throughout.
            if (symbol.Visible == Tristate.No && unsaved == 0) symbol.Flags &= ~SymbolFlags.DefUser;
            if (symbol.Type is SymbolType.String or SymbolType.Int or SymbolType.Hex &&
                !evaluator.StringWithinRange(symbol, symbol.User.Text ?? ""))
            {
                symbol.Flags &= ~(SymbolFlags.Valid | SymbolFlags.DefUser);
                unsaved++;
            }
        }
    }

    private void Reset()
    {
        foreach (var symbol in _tree.SymbolsInTableOrder)
        {
            symbol.Flags &= ~(SymbolFlags.DefUser | SymbolFlags.Valid);
            if (symbol.IsChoice) symbol.Flags |= SymbolFlags.DefUser;
            symbol.User = default;
        }
    }

    private void ReadSimple(string text, string fileName, bool warnUnknown)
    {
        Reset();
        var lineNumber = 0;
        foreach (var rawLine in Lines(text))
        {
            lineNumber++;
            var line = rawLine;
            void Warn(string message)
            {
                _tree.Warnings.Add($"{fileName}:{lineNumber}:warning: {message}");
            }
            KconfigSymbol? symbol = null;
            if (line.StartsWith('#'))
            {
                if (line.Length < 2 + Prefix.Length || string.CompareOrdinal(line, 2, Prefix, 0, Prefix.Length) != 0) continue;
                var space = line.IndexOf(' ', 2 + Prefix.Length);
                if (space < 0) continue;
                if (string.CompareOrdinal(line, space + 1, "is not set", 0, 10) != 0) continue;
                var name = line[(2 + Prefix.Length)..space];
                symbol = _tree.Find(name) is { IsConst: false } found ? found : null;
                if (symbol is null)
                {
                    if (warnUnknown) Warn($"unknown symbol: {name}");
                    continue;
                }
                if (symbol.Type is SymbolType.Boolean or SymbolType.Tristate)
                {
                    symbol.User.Tri = Tristate.No;
                    symbol.Flags |= SymbolFlags.DefUser;
                }
            }
            else if (line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                var equals = line.IndexOf('=', Prefix.Length);
                if (equals < 0) continue;
                var name = line[Prefix.Length..equals];
                var value = line[(equals + 1)..];
                if (value.EndsWith('\r')) value = value[..^1];
                symbol = _tree.Find(name) is { IsConst: false } found ? found : null;
                if (symbol is null)
                {
                    if (warnUnknown) Warn($"unknown symbol: {name}");
                    continue;
                }
                if (!SetValue(symbol, value, Warn)) continue;
            }
            else
            {
                if (line.Length > 0 && line[0] != '\r') Warn($"unexpected data: {line.TrimEnd('\r')}");
                continue;
            }

            if (symbol.IsChoiceValue && symbol.OwningChoice is { } choice)
            {
                switch (symbol.User.Tri)
                {
                    case Tristate.Mod when choice.User.Tri == Tristate.Yes:
                        Warn($"{symbol.Name} creates inconsistent choice state");
                        choice.Flags &= ~SymbolFlags.DefUser;
                        break;
                    case Tristate.Yes:
                        if (choice.User.Tri != Tristate.No) Warn($"override: {symbol.Name} changes choice state");
                        choice.User.Chosen = symbol;
                        break;
                }
                choice.User.Tri = TristateLogic.Or(choice.User.Tri, symbol.User.Tri);
            }
        }
    }

    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                yield return text[start..];
                yield break;
            }
            yield return text[start..end];
            start = end + 1;
        }
    }

    private static bool SetText(KconfigSymbol symbol, string value, Action<string> warn)
    {
        if (!SymbolText.IsValid(symbol.Type, value))
        {
            warn($"symbol value '{value}' invalid for {symbol.Name}");
            return false;
        }
        symbol.User.Text = value;
        symbol.Flags |= SymbolFlags.DefUser;
        return true;
    }

    /// <summary>A quoted .config value without its quotes and escapes; null when the closing quote is missing.</summary>
    private static string? Unquote(string value)
    {
        var unescaped = new System.Text.StringBuilder();
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"') return unescaped.ToString();
            if (c == '\\')
            {
                if (++i >= value.Length) return null;
                c = value[i];
            }
            unescaped.Append(c);
        }
        return null;
    }

    private static bool SetValue(KconfigSymbol symbol, string value, Action<string> warn)
    {
        switch (symbol.Type)
        {
            case SymbolType.Tristate or SymbolType.Boolean:
                var tri = value.Length == 0 ? (Tristate?)null : value[0] switch
                {
                    'm' when symbol.Type == SymbolType.Tristate => Tristate.Mod,
                    'y' => Tristate.Yes,
                    'n' => Tristate.No,
                    _ => null,
                };
                if (tri is null)
                {
                    warn($"symbol value '{value}' invalid for {symbol.Name}");
                    return false;
                }
                symbol.User.Tri = tri.Value;
                symbol.Flags |= SymbolFlags.DefUser;
                return true;
            case SymbolType.String:
                if (value.Length == 0 || value[0] != '"') return true;
                var unescaped = Unquote(value);
                if (unescaped is null)
                {
                    warn("invalid string found");
                    return false;
                }
                return SetText(symbol, unescaped, warn);
            case SymbolType.Int or SymbolType.Hex:
                return SetText(symbol, value, warn);
            default:
                return true;
        }
    }
}
