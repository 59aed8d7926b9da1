using System.Text;
using Kiln.Configuration.Kconfig;

namespace Kiln.Configuration.Explain;

/// <summary>
/// Why a symbol has its value, as a person would trace it through Kconfig: set in the .config,
/// selected by another symbol (and why that one is on), a default whose condition holds, implied,
/// chosen in a choice; or, when it is off, the dependency that is not met and what holds it down.
/// </summary>
public sealed class SymbolExplanation(KconfigEvaluator evaluator)
{
    private const int MaxDepth = 6;
    private readonly HashSet<KconfigSymbol> _explained = [];

    public string Explain(KconfigSymbol symbol)
    {
        var text = new StringBuilder();
        Explain(symbol, 0, text);
        return text.ToString();
    }

    private string Value(KconfigSymbol symbol)
    {
        evaluator.CalcValue(symbol);
        return evaluator.StringValue(symbol);
    }

    private string Describe(KconfigSymbol symbol) => $"{symbol.Name} [={Value(symbol)}]";

    /// <summary>An expression with each symbol's value after it, as menuconfig's help shows it.</summary>
    private string WithValues(KconfigExpr expr)
    {
        var symbols = new List<KconfigSymbol>();
        expr.CollectSymbols(symbols);
        var values = string.Join(", ", symbols.Where(s => !s.IsConst && s.Name is not null).Select(Describe));
        return $"{expr} [={TristateLogic.Letter(evaluator.Evaluate(expr))}]" + (values.Length > 0 ? $" ({values})" : "");
    }

    private void Explain(KconfigSymbol symbol, int depth, StringBuilder text)
    {
        var indent = new string(' ', depth * 2);
        evaluator.CalcValue(symbol);
        var value = Value(symbol);
        var where = symbol.Menus.Count > 0 ? $" ({symbol.Menus[0].File}:{symbol.Menus[0].Line})" : " (not defined in any Kconfig file)";
        text.Append(indent).Append(symbol.Name).Append(" = ").Append(symbol.Type == SymbolType.String ? $"\"{value}\"" : value).Append(where).Append('\n');
        if (depth >= MaxDepth || !_explained.Add(symbol))
        {
            if (depth > 0) text.Append(indent).Append("  (explained above)\n");
            return;
        }
        var reasons = Reasons(symbol, value).ToList();
        if (reasons.Count == 0) text.Append(indent).Append("  no reason found: it has no value\n");
        foreach (var (line, next) in reasons)
        {
            text.Append(indent).Append("  ").Append(line).Append('\n');
            foreach (var cause in next) Explain(cause, depth + 2, text);
        }
    }

    private IEnumerable<(string Line, IReadOnlyList<KconfigSymbol> Next)> Reasons(KconfigSymbol symbol, string value)
    {
        if (symbol.Menus.Count == 0) yield break;
        var on = value is not ("n" or "");
        if (symbol.IsChoiceValue && symbol.OwningChoice is { } choice)
        {
            var chosen = choice.Current.Chosen;
            if (chosen == symbol)
                yield return (choice.User.Chosen == symbol ? "chosen in its choice by the .config" : "the choice's default", []);
            else if (chosen is not null)
                yield return ($"its choice has {chosen.Name} chosen instead", [chosen]);
            yield break;
        }
        if (symbol.DirectDependency.Expr is { } dependency && symbol.DirectDependency.Tri == Tristate.No)
        {
            yield return ($"depends on {WithValues(dependency)}: not met, so it cannot be on", Off(dependency));
            yield break;
        }
        if (symbol.HasUserValue && symbol.Visible != Tristate.No)
            yield return ($"set in the .config (CONFIG_{symbol.Name}), and the user may set it (visible: {TristateLogic.Letter(symbol.Visible)})", []);
        foreach (var (selector, condition) in Terms(symbol.ReverseDependency.Expr))
        {
            var holds = evaluator.Evaluate(condition is null ? KconfigExpr.Of(selector) : KconfigExpr.And(KconfigExpr.Of(selector), condition)!);
            if (holds == Tristate.No) continue;
            yield return ($"selected by {Describe(selector)}" + (condition is null ? "" : $" if {WithValues(condition)}"), [selector]);
        }
        foreach (var (implier, _) in Terms(symbol.Implied.Expr))
            if (Value(implier) is not ("n" or "")) yield return ($"implied by {Describe(implier)}", [implier]);
        // The default is named even when the .config sets the value: it says where that value came from.
        {
            foreach (var property in symbol.OfKind(PropertyKind.Default))
            {
                var condition = evaluator.Evaluate(property.Visible.Expr);
                if (condition == Tristate.No) continue;
                var next = new List<KconfigSymbol>();
                property.Expr!.CollectSymbols(next);
                property.Visible.Expr?.CollectSymbols(next);
                next.RemoveAll(s => s.IsConst || s.Name is null || s == symbol || Value(s) is "n" or "");
                yield return ($"default {property.Expr}" + (property.Visible.Expr is { } c ? $" if {WithValues(c)}" : "") +
                    $" ({property.File}:{property.Line})", next);
                break;
            }
        }
        if (!on && symbol.Visible == Tristate.No && symbol.ReverseDependency.Tri == Tristate.No)
            yield return ("nothing selects it, and it has no prompt the user could set", []);
        else if (!on && symbol.Visible != Tristate.No)
            yield return ("off: the user may turn it on (menuconfig, or kiln config set)", []);
    }

    /// <summary>The symbols that hold a dependency at n: each n symbol it names.</summary>
    private List<KconfigSymbol> Off(KconfigExpr dependency)
    {
        var symbols = new List<KconfigSymbol>();
        dependency.CollectSymbols(symbols);
        symbols.RemoveAll(s => s.IsConst || s.Name is null || Value(s) is not ("n" or ""));
        return symbols;
    }

    /// <summary>A reverse dependency's alternatives: (symbol that selects, condition of its select).</summary>
    private static IEnumerable<(KconfigSymbol Symbol, KconfigExpr? Condition)> Terms(KconfigExpr? expr)
    {
        if (expr is null) yield break;
        if (expr.Kind == ExprKind.Or)
        {
            foreach (var term in Terms(expr.Left)) yield return term;
            foreach (var term in Terms(expr.Right)) yield return term;
            yield break;
        }
        if (expr.Kind == ExprKind.Symbol) yield return (expr.LeftSymbol!, null);
        else if (expr is { Kind: ExprKind.And, Left.Kind: ExprKind.Symbol }) yield return (expr.Left.LeftSymbol!, expr.Right);
    }
}
