using System.Text;

namespace Kiln.Configuration.Kconfig;

public enum ExprKind : byte { Symbol, And, Or, Not, Equal, Unequal, Less, LessEqual, Greater, GreaterEqual }

/// <summary>
/// A Kconfig expression: a symbol, a comparison of two symbols (constants are symbols too), or
/// &amp;&amp;, || and ! of expressions. Immutable, so one expression may be shared by several properties.
/// </summary>
public sealed class KconfigExpr
{
    public ExprKind Kind { get; }
    public KconfigExpr? Left { get; }
    public KconfigExpr? Right { get; }
    /// <summary>The symbol (Symbol) or the left side of a comparison.</summary>
    public KconfigSymbol? LeftSymbol { get; }
    public KconfigSymbol? RightSymbol { get; }

    private KconfigExpr(ExprKind kind, KconfigExpr? left, KconfigExpr? right, KconfigSymbol? leftSymbol, KconfigSymbol? rightSymbol)
    {
        Kind = kind;
        Left = left;
        Right = right;
        LeftSymbol = leftSymbol;
        RightSymbol = rightSymbol;
    }

    public static KconfigExpr Of(KconfigSymbol symbol) => new(ExprKind.Symbol, null, null, symbol, null);

    public static KconfigExpr Compare(ExprKind kind, KconfigSymbol left, KconfigSymbol right) => new(kind, null, null, left, right);

    public static KconfigExpr Negate(KconfigExpr operand) => new(ExprKind.Not, operand, null, null, null);

    /// <summary>a &amp;&amp; b, where a missing side means "always".</summary>
    public static KconfigExpr? And(KconfigExpr? a, KconfigExpr? b) => a is null ? b : b is null ? a : new(ExprKind.And, a, b, null, null);

    /// <summary>a || b, where a missing side means "never" (as for reverse dependencies).</summary>
    public static KconfigExpr? Or(KconfigExpr? a, KconfigExpr? b) => a is null ? b : b is null ? a : new(ExprKind.Or, a, b, null, null);

    public bool IsComparison => Kind >= ExprKind.Equal;

    /// <summary>Whether the symbol occurs anywhere in the expression.</summary>
    public bool Contains(KconfigSymbol symbol) => Kind switch
    {
        ExprKind.Symbol => LeftSymbol == symbol,
        ExprKind.And or ExprKind.Or => Left!.Contains(symbol) || Right!.Contains(symbol),
        ExprKind.Not => Left!.Contains(symbol),
        _ => LeftSymbol == symbol || RightSymbol == symbol,
    };

    /// <summary>Every symbol the expression reads, once, in order of appearance.</summary>
    public void CollectSymbols(List<KconfigSymbol> into)
    {
        switch (Kind)
        {
            case ExprKind.Symbol:
                if (!into.Contains(LeftSymbol!)) into.Add(LeftSymbol!);
                break;
            case ExprKind.And or ExprKind.Or:
                Left!.CollectSymbols(into);
                Right!.CollectSymbols(into);
                break;
            case ExprKind.Not:
                Left!.CollectSymbols(into);
                break;
            default:
                if (!into.Contains(LeftSymbol!)) into.Add(LeftSymbol!);
                if (!into.Contains(RightSymbol!)) into.Add(RightSymbol!);
                break;
        }
    }

    /// <summary>As Kconfig prints an expression in help texts: constants quoted, parentheses where needed.</summary>
    public override string ToString() => ToString(null);

    /// <summary>
    /// As Kconfig prints an expression in menuconfig's help: each symbol of a known type followed by
    /// its value (<c>FOO [=y]</c>), the value given by <paramref name="value"/>.
    /// </summary>
    public string ToString(Func<KconfigSymbol, string>? value)
    {
        var text = new StringBuilder();
        Print(text, ExprKind.Or, value);
        return text.ToString();
    }

    private static void Append(StringBuilder text, KconfigSymbol symbol, Func<KconfigSymbol, string>? value)
    {
        text.Append(symbol.DisplayName);
        if (value is not null && symbol.Type != SymbolType.Unknown) text.Append(" [=").Append(value(symbol)).Append(']');
    }

    private void Print(StringBuilder text, ExprKind outer, Func<KconfigSymbol, string>? value)
    {
        switch (Kind)
        {
            case ExprKind.Symbol:
                Append(text, LeftSymbol!, value);
                break;
            case ExprKind.Not:
                text.Append('!');
                Left!.Print(text, ExprKind.Not, value);
                break;
            case ExprKind.And or ExprKind.Or:
                var parenthesize = outer == ExprKind.Not || outer == ExprKind.And && Kind == ExprKind.Or;
                if (parenthesize) text.Append('(');
                Left!.Print(text, Kind, value);
                text.Append(Kind == ExprKind.And ? " && " : " || ");
                Right!.Print(text, Kind, value);
                if (parenthesize) text.Append(')');
                break;
            default:
                if (outer == ExprKind.Not) text.Append('(');
                Append(text, LeftSymbol!, value);
                text.Append(Kind switch
                {
                    ExprKind.Equal => "=",
                    ExprKind.Unequal => "!=",
                    ExprKind.Less => "<",
                    ExprKind.LessEqual => "<=",
                    ExprKind.Greater => ">",
                    _ => ">=",
                });
                Append(text, RightSymbol!, value);
                if (outer == ExprKind.Not) text.Append(')');
                break;
        }
    }
}
