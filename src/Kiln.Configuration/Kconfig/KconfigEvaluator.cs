using static Kiln.Configuration.Kconfig.TristateLogic;

namespace Kiln.Configuration.Kconfig;

/// <summary>
/// Symbol values with the kernel's semantics (symbol.c): visibility from prompts, the user's
/// value within what dependencies and selects allow, defaults, implies, choices, ranges, m
/// turned into y where modules are off. Values are computed on demand and kept until something
/// changes (<see cref="ClearAllValid"/>). OpenWrt's one change is kept: a select cannot raise a
/// symbol whose own dependencies are unmet.
/// </summary>
public sealed class KconfigEvaluator(KconfigTree tree)
{
    private static readonly string Empty = "";
    private Tristate _modulesValue;

    public KconfigTree Tree => tree;

    /// <summary>The type as it behaves now: a tristate is a bool where modules are off or as a visible choice member.</summary>
    public SymbolType EffectiveType(KconfigSymbol symbol)
    {
        var type = symbol.Type;
        if (type == SymbolType.Tristate && (symbol.IsChoiceValue && symbol.Visible == Tristate.Yes || _modulesValue == Tristate.No))
            type = SymbolType.Boolean;
        return type;
    }

    public Tristate Evaluate(KconfigExpr? e)
    {
        if (e is null) return Tristate.Yes;
        switch (e.Kind)
        {
            case ExprKind.Symbol:
                CalcValue(e.LeftSymbol!);
                return e.LeftSymbol!.Current.Tri;
            case ExprKind.And:
                return And(Evaluate(e.Left), Evaluate(e.Right));
            case ExprKind.Or:
                return Or(Evaluate(e.Left), Evaluate(e.Right));
            case ExprKind.Not:
                return Not(Evaluate(e.Left));
        }
        var left = e.LeftSymbol!;
        var right = e.RightSymbol!;
        CalcValue(left);
        CalcValue(right);
        var text1 = StringValue(left);
        var text2 = StringValue(right);
        int result;
        var kind1 = NumberKind.String;
        var kind2 = NumberKind.String;
        long value1 = 0, value2 = 0;
        if (left.Type != SymbolType.String || right.Type != SymbolType.String)
        {
            (kind1, value1) = ParseForComparison(text1, left.Type);
            (kind2, value2) = ParseForComparison(text2, right.Type);
        }
        if (kind1 == NumberKind.String || kind2 == NumberKind.String)
            result = Math.Sign(string.CompareOrdinal(text1, text2));
        else if (kind1 == NumberKind.Unsigned || kind2 == NumberKind.Unsigned)
            result = ((ulong)value1).CompareTo((ulong)value2);
        else
            result = value1.CompareTo(value2);
        var holds = e.Kind switch
        {
            ExprKind.Equal => result == 0,
            ExprKind.Unequal => result != 0,
            ExprKind.Less => result < 0,
            ExprKind.LessEqual => result <= 0,
            ExprKind.Greater => result > 0,
            _ => result >= 0,
        };
        return holds ? Tristate.Yes : Tristate.No;
    }

    private enum NumberKind { String, Signed, Unsigned }

    private static (NumberKind, long) ParseForComparison(string text, SymbolType type)
    {
        switch (type)
        {
            case SymbolType.Boolean or SymbolType.Tristate:
                return (NumberKind.Signed, text switch { "n" => 0, "m" => 1, "y" => 2, _ => -1 });
        }
        var (radix, kind) = type switch
        {
            SymbolType.Int => (10, NumberKind.Signed),
            SymbolType.Hex => (16, NumberKind.Unsigned),
            _ => (0, NumberKind.Signed),
        };
        var (value, consumed, overflow) = SymbolText.ParseInteger(text, radix, kind == NumberKind.Unsigned);
        var whole = !overflow && consumed == text.Length && consumed > 0 && char.IsAsciiHexDigit(text[consumed - 1]);
        return whole ? (kind, value) : (NumberKind.String, 0);
    }

    private KconfigProperty? DefaultProperty(KconfigSymbol symbol)
    {
        foreach (var property in symbol.Properties)
        {
            if (property.Kind != PropertyKind.Default) continue;
            property.Visible.Tri = Evaluate(property.Visible.Expr);
            if (property.Visible.Tri != Tristate.No) return property;
        }
        return null;
    }

    public KconfigProperty? RangeProperty(KconfigSymbol symbol)
    {
        foreach (var property in symbol.Properties)
        {
            if (property.Kind != PropertyKind.Range) continue;
            property.Visible.Tri = Evaluate(property.Visible.Expr);
            if (property.Visible.Tri != Tristate.No) return property;
        }
        return null;
    }

    private long RangeValue(KconfigSymbol bound, int radix)
    {
        CalcValue(bound);
        radix = bound.Type switch { SymbolType.Int => 10, SymbolType.Hex => 16, _ => radix };
        return SymbolText.ParseInteger(bound.Current.Text ?? "", radix).Value;
    }

    private void ValidateRange(KconfigSymbol symbol)
    {
        var radix = symbol.Type switch { SymbolType.Int => 10, SymbolType.Hex => 16, _ => 0 };
        if (radix == 0) return;
        var range = RangeProperty(symbol);
        if (range is null) return;
        var value = SymbolText.ParseInteger(symbol.Current.Text ?? "", radix).Value;
        var bound = range.Expr!.LeftSymbol!;
        if (value >= RangeValue(bound, radix))
        {
            bound = range.Expr.RightSymbol!;
            if (value <= RangeValue(bound, radix)) return;
        }
        symbol.Current.Text = bound.Current.Text;
    }

    private void CalcVisibility(KconfigSymbol symbol)
    {
        var choice = symbol.IsChoiceValue ? symbol.OwningChoice : null;
        var visible = Tristate.No;
        foreach (var prompt in symbol.Prompts)
        {
            prompt.Visible.Tri = Evaluate(prompt.Visible.Expr);
            // A tristate member visible as m is hidden when its choice is y.
            if (choice is not null && symbol.Type == SymbolType.Tristate && prompt.Visible.Tri == Tristate.Mod && choice.Current.Tri == Tristate.Yes)
                prompt.Visible.Tri = Tristate.No;
            visible = Or(visible, prompt.Visible.Tri);
        }
        if (visible == Tristate.Mod && (symbol.Type != SymbolType.Tristate || _modulesValue == Tristate.No)) visible = Tristate.Yes;
        symbol.Visible = visible;
        if (symbol.IsChoiceValue) return;
        symbol.DirectDependency.Tri = BoolAware(symbol, symbol.DirectDependency.Expr is null ? Tristate.Yes : Evaluate(symbol.DirectDependency.Expr));
        symbol.ReverseDependency.Tri = BoolAware(symbol, symbol.ReverseDependency.Expr is null ? Tristate.No : Evaluate(symbol.ReverseDependency.Expr));
        symbol.Implied.Tri = BoolAware(symbol, symbol.Implied.Expr is null ? Tristate.No : Evaluate(symbol.Implied.Expr));
    }

    private Tristate BoolAware(KconfigSymbol symbol, Tristate value) =>
        value == Tristate.Mod && EffectiveType(symbol) == SymbolType.Boolean ? Tristate.Yes : value;

    /// <summary>The member a choice takes when the user chose none (or an invisible one): its first visible default, else its first visible member.</summary>
    public KconfigSymbol? ChoiceDefault(KconfigSymbol choice)
    {
        foreach (var property in choice.Properties)
        {
            if (property.Kind != PropertyKind.Default) continue;
            property.Visible.Tri = Evaluate(property.Visible.Expr);
            if (property.Visible.Tri == Tristate.No) continue;
            if (property.Symbol is { } member && member.Visible != Tristate.No) return member;
        }
        foreach (var member in choice.ChoiceMembers)
            if (member.Visible != Tristate.No) return member;
        return null;
    }

    private KconfigSymbol? CalcChoice(KconfigSymbol choice)
    {
        var flags = choice.Flags;
        foreach (var member in choice.ChoiceMembers)
        {
            CalcVisibility(member);
            if (member.Visible != Tristate.No) flags &= member.Flags;
        }
        choice.Flags &= flags | ~SymbolFlags.DefUser;
        if (choice.User.Chosen is { } chosen && chosen.Visible != Tristate.No) return chosen;
        var fallback = ChoiceDefault(choice);
        if (fallback is null) choice.Current.Tri = Tristate.No;
        return fallback;
    }

    /// <summary>Kconfig's sym_calc_value.</summary>
    public void CalcValue(KconfigSymbol symbol)
    {
        if (symbol.Has(SymbolFlags.Valid)) return;
        if (symbol.IsChoiceValue && symbol.Has(SymbolFlags.NeedSetChoiceValues))
        {
            symbol.Flags &= ~SymbolFlags.NeedSetChoiceValues;
            CalcValue(symbol.OwningChoice!);
        }
        symbol.Flags |= SymbolFlags.Valid;
        var old = symbol.Current;
        SymbolValue value;
        switch (symbol.Type)
        {
            case SymbolType.Int or SymbolType.Hex or SymbolType.String:
                value = new SymbolValue { Text = Empty, Tri = Tristate.No };
                break;
            case SymbolType.Boolean or SymbolType.Tristate:
                value = new SymbolValue { Text = "n", Tri = Tristate.No };
                break;
            default:
                symbol.Current = new SymbolValue { Text = symbol.Name, Tri = Tristate.No };
                return;
        }
        symbol.Flags &= ~SymbolFlags.Write;
        CalcVisibility(symbol);
        if (symbol.Visible != Tristate.No) symbol.Flags |= SymbolFlags.Write;
        // The value while it is being computed, should a dependency loop come back to it.
        symbol.Current = value;

        switch (EffectiveType(symbol))
        {
            case SymbolType.Boolean or SymbolType.Tristate:
                if (symbol.IsChoiceValue && symbol.Visible == Tristate.Yes)
                {
                    value.Tri = symbol.OwningChoice!.Current.Chosen == symbol ? Tristate.Yes : Tristate.No;
                }
                else
                {
                    if (symbol.Visible != Tristate.No && symbol.HasUserValue)
                    {
                        value.Tri = And(symbol.User.Tri, symbol.Visible);
                    }
                    else
                    {
                        if (symbol.ReverseDependency.Tri != Tristate.No) symbol.Flags |= SymbolFlags.Write;
                        if (!symbol.IsChoice)
                        {
                            if (DefaultProperty(symbol) is { } fallback)
                            {
                                symbol.Flags |= SymbolFlags.Write;
                                value.Tri = And(Evaluate(fallback.Expr), fallback.Visible.Tri);
                            }
                            if (symbol.Implied.Tri != Tristate.No)
                            {
                                symbol.Flags |= SymbolFlags.Write;
                                value.Tri = And(Or(value.Tri, symbol.Implied.Tri), symbol.DirectDependency.Tri);
                            }
                        }
                    }
                    value.Tri = symbol.DirectDependency.Tri == Tristate.No && symbol.ReverseDependency.Tri != Tristate.No
                        ? Tristate.No
                        : Or(value.Tri, symbol.ReverseDependency.Tri);
                }
                if (value.Tri == Tristate.Mod && EffectiveType(symbol) == SymbolType.Boolean) value.Tri = Tristate.Yes;
                break;
            case SymbolType.String or SymbolType.Hex or SymbolType.Int:
                if (symbol.Visible != Tristate.No && symbol.HasUserValue)
                {
                    value.Text = symbol.User.Text;
                    break;
                }
                if (DefaultProperty(symbol)?.Symbol is { } defaultSymbol)
                {
                    symbol.Flags |= SymbolFlags.Write;
                    CalcValue(defaultSymbol);
                    value.Text = defaultSymbol.Current.Text;
                }
                break;
        }

        symbol.Current = value;
        if (symbol.IsChoice && value.Tri == Tristate.Yes) symbol.Current.Chosen = CalcChoice(symbol);
        ValidateRange(symbol);

        if (!old.SameAs(symbol.Current) && symbol == tree.Modules) _modulesValue = symbol.Current.Tri;

        if (symbol.IsChoice)
            foreach (var member in symbol.ChoiceMembers)
                if (symbol.Has(SymbolFlags.Write) && member.Visible != Tristate.No) member.Flags |= SymbolFlags.Write;

        if (symbol.Has(SymbolFlags.NoWrite)) symbol.Flags &= ~SymbolFlags.Write;
        if (symbol.Has(SymbolFlags.NeedSetChoiceValues)) SetAllChoiceValues(symbol);
    }

    /// <summary>Every value is computed again on next use.</summary>
    public void ClearAllValid()
    {
        foreach (var symbol in tree.SymbolsInTableOrder) symbol.Flags &= ~SymbolFlags.Valid;
        CalcValue(tree.Modules);
    }

    /// <summary>A choice's members nobody set count as set to n, and the choice as set by the user.</summary>
    public void SetAllChoiceValues(KconfigSymbol choice)
    {
        foreach (var member in choice.ChoiceMembers)
            if (!member.HasUserValue) member.User.Tri = Tristate.No;
        choice.Flags |= SymbolFlags.DefUser;
        choice.Flags &= ~(SymbolFlags.Valid | SymbolFlags.NeedSetChoiceValues);
    }

    public Tristate TristateValue(KconfigSymbol symbol) => symbol.Current.Tri;

    /// <summary>The value as .config writes it (y/m/n for bools and tristates).</summary>
    public string StringValue(KconfigSymbol symbol)
    {
        switch (symbol.Type)
        {
            case SymbolType.Boolean or SymbolType.Tristate:
                switch (symbol.Current.Tri)
                {
                    case Tristate.No:
                        return "n";
                    case Tristate.Mod:
                        CalcValue(tree.Modules);
                        return tree.Modules.Current.Tri == Tristate.No ? "n" : "m";
                    default:
                        return "y";
                }
            default:
                return symbol.Current.Text ?? "";
        }
    }

    /// <summary>Kconfig's sym_get_string_default: the value the symbol would have with no user value.</summary>
    public string StringDefault(KconfigSymbol symbol)
    {
        CalcVisibility(symbol);
        CalcValue(tree.Modules);
        var value = Tristate.No;
        var text = Empty;
        if (DefaultProperty(symbol) is { } fallback)
        {
            if (symbol.Type is SymbolType.Boolean or SymbolType.Tristate)
            {
                value = And(Evaluate(fallback.Expr), fallback.Visible.Tri);
            }
            else if (fallback.Symbol is { } defaultSymbol)
            {
                CalcValue(defaultSymbol);
                text = defaultSymbol.Current.Text ?? "";
            }
        }
        value = Or(value, symbol.ReverseDependency.Tri);
        if (value == Tristate.Mod && !symbol.IsChoiceValue && tree.Modules.Current.Tri == Tristate.No) value = Tristate.Yes;
        if (symbol.Type == SymbolType.Boolean && value == Tristate.Mod) value = Tristate.Yes;
        if (value < symbol.Implied.Tri) value = symbol.Implied.Tri;
        return symbol.Type is SymbolType.Boolean or SymbolType.Tristate ? Letter(value) : text;
    }

    public bool IsChangeable(KconfigSymbol symbol) => symbol.Visible > symbol.ReverseDependency.Tri;

    public bool TristateWithinRange(KconfigSymbol symbol, Tristate value)
    {
        var type = EffectiveType(symbol);
        if (symbol.Visible == Tristate.No) return false;
        if (type is not (SymbolType.Boolean or SymbolType.Tristate)) return false;
        if (type == SymbolType.Boolean && value == Tristate.Mod) return false;
        if (symbol.Visible <= symbol.ReverseDependency.Tri) return false;
        if (symbol.IsChoiceValue && symbol.Visible == Tristate.Yes) return value == Tristate.Yes;
        return value >= symbol.ReverseDependency.Tri && value <= symbol.Visible;
    }

    /// <summary>As the user setting a bool or tristate (menuconfig, config set); false when the value is out of reach.</summary>
    public bool SetTristate(KconfigSymbol symbol, Tristate value)
    {
        var old = symbol.Current.Tri;
        if (old != value && !TristateWithinRange(symbol, value)) return false;
        symbol.Flags |= SymbolFlags.DefUser;
        if (symbol.IsChoiceValue && value == Tristate.Yes)
        {
            var choice = symbol.OwningChoice!;
            choice.User.Chosen = symbol;
            choice.Flags |= SymbolFlags.DefUser;
            foreach (var member in choice.ChoiceMembers)
                if (member.Visible != Tristate.No) member.Flags |= SymbolFlags.DefUser;
        }
        symbol.User.Tri = value;
        if (old != value) ClearAllValid();
        return true;
    }

    public bool StringWithinRange(KconfigSymbol symbol, string text)
    {
        switch (symbol.Type)
        {
            case SymbolType.String:
                return true;
            case SymbolType.Int or SymbolType.Hex:
                if (!SymbolText.IsValid(symbol.Type, text)) return false;
                var range = RangeProperty(symbol);
                if (range is null) return true;
                var radix = symbol.Type == SymbolType.Int ? 10 : 16;
                var value = SymbolText.ParseInteger(text, radix).Value;
                return value >= RangeValue(range.Expr!.LeftSymbol!, radix) && value <= RangeValue(range.Expr.RightSymbol!, radix);
            case SymbolType.Boolean or SymbolType.Tristate:
                return text.Length > 0 && text[0] switch
                {
                    'y' or 'Y' => TristateWithinRange(symbol, Tristate.Yes),
                    'm' or 'M' => TristateWithinRange(symbol, Tristate.Mod),
                    'n' or 'N' => TristateWithinRange(symbol, Tristate.No),
                    _ => false,
                };
            default:
                return false;
        }
    }

    /// <summary>The user's value forgotten: the symbol takes its default again. Always possible.</summary>
    public bool ClearUserValue(KconfigSymbol symbol)
    {
        symbol.Flags &= ~SymbolFlags.DefUser;
        ClearAllValid();
        return true;
    }

    /// <summary>As the user entering a value; false when it is not valid or out of range.</summary>
    public bool SetString(KconfigSymbol symbol, string text)
    {
        if (symbol.Type is SymbolType.Boolean or SymbolType.Tristate)
            return text.Length > 0 && text[0] switch
            {
                'y' or 'Y' => SetTristate(symbol, Tristate.Yes),
                'm' or 'M' => SetTristate(symbol, Tristate.Mod),
                'n' or 'N' => SetTristate(symbol, Tristate.No),
                _ => false,
            };
        if (!StringWithinRange(symbol, text)) return false;
        symbol.Flags |= SymbolFlags.DefUser;
        if (symbol.Type == SymbolType.Hex && !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = "0x" + text;
        else if (symbol.User.Text == text) return true;
        symbol.User.Text = text;
        ClearAllValid();
        return true;
    }
}
