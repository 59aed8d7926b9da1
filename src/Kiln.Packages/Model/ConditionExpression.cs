namespace Kiln.Packages.Model;

/// <summary>
/// A condition of a DEPENDS entry (<c>+COND:pkg</c>, <c>@COND</c>): configuration symbols combined
/// with <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> and parentheses, as Kconfig reads them (! binds
/// tightest, then &amp;&amp;, then ||).
/// </summary>
public abstract record ConditionExpression
{
    /// <summary>The expression, or null if the text is not one (unbalanced parentheses, an operator with nothing beside it).</summary>
    public static ConditionExpression? TryParse(string text)
    {
        var parser = new Parser(text);
        var expression = parser.Or();
        return expression is not null && parser.AtEnd ? expression : null;
    }

    /// <summary>The configuration symbols the expression mentions, in order of appearance.</summary>
    public abstract IEnumerable<string> Symbols { get; }

    /// <summary>Whether the condition holds when <paramref name="enabled"/> says which symbols are set (y or m).</summary>
    public abstract bool IsTrue(Func<string, bool> enabled);

    private ref struct Parser(string text)
    {
        private int _at;

        public readonly bool AtEnd => _at == text.Length;

        public ConditionExpression? Or()
        {
            var left = And();
            while (left is not null && Take("||")) left = And() is { } right ? new AnyOf(left, right) : null;
            return left;
        }

        private ConditionExpression? And()
        {
            var left = Unary();
            while (left is not null && Take("&&")) left = Unary() is { } right ? new AllOf(left, right) : null;
            return left;
        }

        private ConditionExpression? Unary()
        {
            if (Take("!")) return Unary() is { } operand ? new Not(operand) : null;
            if (Take("("))
            {
                var inner = Or();
                return inner is not null && Take(")") ? inner : null;
            }
            var start = _at;
            while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] is '_' or '-' or '.')) _at++;
            return _at > start ? new Symbol(text[start.._at]) : null;
        }

        private bool Take(string token)
        {
            if (!text.AsSpan(_at).StartsWith(token, StringComparison.Ordinal)) return false;
            _at += token.Length;
            return true;
        }
    }
}

public sealed record Symbol(string Name) : ConditionExpression
{
    public override IEnumerable<string> Symbols => [Name];

    public override bool IsTrue(Func<string, bool> enabled) => enabled(Name);

    public override string ToString() => Name;
}

public sealed record Not(ConditionExpression Operand) : ConditionExpression
{
    public override IEnumerable<string> Symbols => Operand.Symbols;

    public override bool IsTrue(Func<string, bool> enabled) => !Operand.IsTrue(enabled);

    public override string ToString() => Operand is Symbol ? $"!{Operand}" : $"!({Operand})";
}

public sealed record AllOf(ConditionExpression Left, ConditionExpression Right) : ConditionExpression
{
    public override IEnumerable<string> Symbols => Left.Symbols.Concat(Right.Symbols);

    public override bool IsTrue(Func<string, bool> enabled) => Left.IsTrue(enabled) && Right.IsTrue(enabled);

    public override string ToString() => $"{Wrap(Left)}&&{Wrap(Right)}";

    private static string Wrap(ConditionExpression e) => e is AnyOf ? $"({e})" : e.ToString();
}

public sealed record AnyOf(ConditionExpression Left, ConditionExpression Right) : ConditionExpression
{
    public override IEnumerable<string> Symbols => Left.Symbols.Concat(Right.Symbols);

    public override bool IsTrue(Func<string, bool> enabled) => Left.IsTrue(enabled) || Right.IsTrue(enabled);

    public override string ToString() => $"{Left}||{Right}";
}
