using System.Text;
using Kiln.Core.Errors;

namespace Kiln.Configuration.Kconfig;

/// <summary>
/// Kconfig's recursive dependency check (sym_check_deps): a symbol whose dependencies, selects,
/// implies, prompts or defaults lead back to itself. OpenWrt's conf warns and goes on; the
/// message lists the cycle as conf lists it.
/// </summary>
internal sealed class DependencyCycles
{
    private readonly List<(KconfigSymbol Symbol, KconfigProperty? Property, string? Via)> _stack = [];
    private readonly KconfigTree _tree;

    private DependencyCycles(KconfigTree tree) => _tree = tree;

    public static void Check(KconfigTree tree)
    {
        var check = new DependencyCycles(tree);
        foreach (var symbol in tree.SymbolsInTableOrder) check.CheckSymbol(symbol);
    }

    private KconfigSymbol? CheckSymbol(KconfigSymbol symbol)
    {
        if (symbol.Has(SymbolFlags.Check))
        {
            Report(symbol);
            return symbol;
        }
        if (symbol.Has(SymbolFlags.Checked)) return null;
        KconfigSymbol? found;
        if (symbol.IsChoiceValue && symbol.OwningChoice is { } owner)
        {
            _stack.Add((symbol, null, null));
            found = CheckSymbol(owner);
            _stack.RemoveAt(_stack.Count - 1);
        }
        else if (symbol.IsChoice)
        {
            found = CheckChoice(symbol);
        }
        else
        {
            symbol.Flags |= SymbolFlags.Check | SymbolFlags.Checked;
            found = CheckDependencies(symbol);
            symbol.Flags &= ~SymbolFlags.Check;
        }
        return found == symbol ? null : found;
    }

    private KconfigSymbol? CheckChoice(KconfigSymbol choice)
    {
        _stack.Add((choice, null, null));
        foreach (var member in choice.ChoiceMembers) member.Flags |= SymbolFlags.Check | SymbolFlags.Checked;
        choice.Flags |= SymbolFlags.Check | SymbolFlags.Checked;
        var found = CheckDependencies(choice);
        choice.Flags &= ~SymbolFlags.Check;
        if (found is null)
            foreach (var member in choice.ChoiceMembers)
                if ((found = CheckDependencies(member)) is not null) break;
        foreach (var member in choice.ChoiceMembers) member.Flags &= ~SymbolFlags.Check;
        if (found is { IsChoiceValue: true } && found.OwningChoice == choice) found = choice;
        _stack.RemoveAt(_stack.Count - 1);
        return found;
    }

    private KconfigSymbol? CheckDependencies(KconfigSymbol symbol)
    {
        var index = _stack.Count;
        _stack.Add((symbol, null, "depends on"));
        try
        {
            if (CheckCondition(symbol.DirectDependency.Expr) is { } a) return a;
            _stack[index] = (symbol, null, "is selected by");
            if (CheckCondition(symbol.ReverseDependency.Expr) is { } b) return b;
            _stack[index] = (symbol, null, "is implied by");
            if (CheckCondition(symbol.Implied.Expr) is { } c) return c;
            foreach (var property in symbol.Properties)
            {
                if (property.Kind is PropertyKind.Select or PropertyKind.Imply) continue;
                _stack[index] = (symbol, property, null);
                if (CheckCondition(property.Visible.Expr) is { } d) return d;
                if (property.Kind != PropertyKind.Default || symbol.IsChoice) continue;
                _stack[index] = (symbol, property, "value");
                if (CheckExpr(property.Expr) is { } e) return e;
            }
            return null;
        }
        finally
        {
            _stack.RemoveAt(index);
        }
    }

    /// <summary>
    /// A dependency, reverse dependency or condition, with the parts that are always y left out as
    /// Kconfig's simplification leaves them out: each operand of an &amp;&amp;, and each || as a whole
    /// (its operands then checked one by one, so a long || is looked at once).
    /// </summary>
    private KconfigSymbol? CheckCondition(KconfigExpr? e)
    {
        switch (e?.Kind)
        {
            case null:
                return null;
            case ExprKind.And:
                return CheckCondition(e.Left) ?? CheckCondition(e.Right);
            case ExprKind.Or:
                if (IsAlwaysYes(e, negated: false)) return null;
                var operands = new List<KconfigExpr>();
                for (var or = e; ; or = or.Left!)
                {
                    if (or.Kind != ExprKind.Or)
                    {
                        operands.Add(or);
                        break;
                    }
                    operands.Add(or.Right!);
                }
                foreach (var operand in operands)
                    if ((operand.Kind == ExprKind.Or ? CheckExpr(operand) : CheckCondition(operand)) is { } found) return found;
                return null;
            default:
                return IsAlwaysYes(e, negated: false) ? null : CheckExpr(e);
        }
    }

    private KconfigSymbol? CheckExpr(KconfigExpr? e) => e?.Kind switch
    {
        null => null,
        ExprKind.And or ExprKind.Or => CheckExpr(e.Left) ?? CheckExpr(e.Right),
        ExprKind.Not => CheckExpr(e.Left),
        ExprKind.Symbol => CheckSymbol(e.LeftSymbol!),
        _ => CheckSymbol(e.LeftSymbol!) ?? CheckSymbol(e.RightSymbol!),
    };

    /// <summary>
    /// Whether an expression is y whatever its bool symbols are, as Kconfig's expression
    /// simplification finds when it pushes ! inward and meets B and !B in one ||, e.g.
    /// <c>!(A &amp;&amp; B) || B</c>, which OpenWrt's package metadata writes. Kconfig drops such a
    /// dependency before looking for loops, so Kiln does not report a loop through it.
    /// </summary>
    private static bool IsAlwaysYes(KconfigExpr e, bool negated)
    {
        var terms = new List<(KconfigSymbol Symbol, bool Negated)>();
        return CollectOr(e, negated, terms) || HasBothPolarities(terms);
    }

    /// <summary>The || terms of e (negated: of !e), pushing ! inward; true when one of them is always y.</summary>
    private static bool CollectOr(KconfigExpr e, bool negated, List<(KconfigSymbol, bool)> terms)
    {
        switch (e.Kind)
        {
            case ExprKind.Not:
                return CollectOr(e.Left!, !negated, terms);
            case ExprKind.Or when !negated:
            case ExprKind.And when negated:
                return CollectOr(e.Left!, negated, terms) || CollectOr(e.Right!, negated, terms);
            case ExprKind.And or ExprKind.Or:
                return IsAlwaysYes(e.Left!, negated) && IsAlwaysYes(e.Right!, negated);
            case ExprKind.Symbol when e.LeftSymbol!.Type == SymbolType.Boolean:
                terms.Add((e.LeftSymbol!, negated));
                return false;
            default:
                return false;
        }
    }

    private static bool HasBothPolarities(List<(KconfigSymbol Symbol, bool Negated)> terms)
    {
        foreach (var (symbol, negated) in terms)
            if (negated && terms.Contains((symbol, false))) return true;
        return false;
    }

    private void Report(KconfigSymbol last)
    {
        // A choice member closes the cycle through its choice: it is listed, then the choice.
        var memberEntry = last.IsChoiceValue && last.OwningChoice is not null;
        if (memberEntry)
        {
            _stack.Add((last, null, null));
            last = last.OwningChoice!;
        }
        var start = _stack.FindLastIndex(entry => entry.Symbol == last);
        if (start >= 0) Print(start, last);
        if (memberEntry) _stack.RemoveAt(_stack.Count - 1);
    }

    private void Print(int start, KconfigSymbol last)
    {
        var text = new StringBuilder();
        for (var i = start; i < _stack.Count; i++)
        {
            var (symbol, property, via) = _stack[i];
            var next = i + 1 < _stack.Count ? _stack[i + 1].Symbol : last;
            var where = property is not null ? $"{property.File}:{property.Line}" :
                symbol.Menus.Count > 0 ? $"{symbol.Menus[0].File}:{symbol.Menus[0].Line}" : "";
            if (i == start) text.Append(where).Append(":error: recursive dependency detected!\n");
            var name = symbol.Name ?? "<choice>";
            var nextName = next.Name ?? "<choice>";
            text.Append(where).Append(":\t").Append(symbol.IsChoice ? $"choice {name} contains symbol {nextName}"
                : symbol.IsChoiceValue ? $"symbol {name} is part of choice {nextName}"
                : via is "depends on" or "is selected by" or "is implied by" ? $"symbol {name} {via} {nextName}"
                : via == "value" ? $"symbol {name} {property!.KindName} value contains {nextName}"
                : $"symbol {name} {property?.KindName} is visible depending on {nextName}").Append('\n');
        }
        text.Append("For a resolution refer to Documentation/kbuild/kconfig-language.rst\n")
            .Append("subsection \"Kconfig recursive dependency limitations\"\n");
        _tree.Warnings.Add(text.ToString().TrimEnd('\n'));
    }
}
