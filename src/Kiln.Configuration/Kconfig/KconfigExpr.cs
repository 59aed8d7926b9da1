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
    public override string ToString()
    {
        var text = new StringBuilder();
        Print(text, ExprKind.Or);
        return text.ToString();
    }

    private void Print(StringBuilder text, ExprKind outer)
    {
        switch (Kind)
        {
            case ExprKind.Symbol:
                text.Append(LeftSymbol!.DisplayName);
                break;
            case ExprKind.Not:
                text.Append('!');
                Left!.Print(text, ExprKind.Not);
                break;
            case ExprKind.And or ExprKind.Or:
                var parenthesize = outer == ExprKind.Not || outer == ExprKind.And && Kind == ExprKind.Or;
                if (parenthesize) text.Append('(');
                Left!.Print(text, Kind);
                text.Append(Kind == ExprKind.And ? " && " : " || ");
                Right!.Print(text, Kind);
                if (parenthesize) text.Append(')');
                break;
            default:
                if (outer == ExprKind.Not) text.Append('(');
                text.Append(LeftSymbol!.DisplayName).Append(Kind switch
                {
                    ExprKind.Equal => "=",
                    ExprKind.Unequal => "!=",
                    ExprKind.Less => "<",
                    ExprKind.LessEqual => "<=",
                    ExprKind.Greater => ">",
                    _ => ">=",
                }).Append(RightSymbol!.DisplayName);
                if (outer == ExprKind.Not) text.Append(')');
                break;
        }
    }
}
