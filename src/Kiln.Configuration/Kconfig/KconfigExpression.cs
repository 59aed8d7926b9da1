using Kiln.Core.Errors;

namespace Kiln.Configuration.Kconfig;

/// <summary>
/// A Kconfig expression (<c>A &amp;&amp; !(B || C = "x")</c>), evaluated as a tristate: 0 (n), 1 (m) or 2 (y).
/// </summary>
public abstract record KconfigExpression
{
    public abstract int Evaluate(Func<string, string> valueOf);

    /// <summary>A symbol or a constant as a tristate: y, m, n, or a symbol's bool value.</summary>
    public static int Tristate(string value) => value switch { "y" => 2, "m" => 1, _ => 0 };

    public static KconfigExpression Parse(string text, string location)
    {
        var parser = new Parser(text, location);
        var expression = parser.Or();
        parser.End();
        return expression;
    }

    public sealed record Symbol(string Name) : KconfigExpression
    {
        public override int Evaluate(Func<string, string> valueOf) => Tristate(Value(Name, valueOf));
    }

    public sealed record Comparison(string Left, string Right, bool Equal) : KconfigExpression
    {
        public override int Evaluate(Func<string, string> valueOf) => (Value(Left, valueOf) == Value(Right, valueOf)) == Equal ? 2 : 0;
    }

    public sealed record Not(KconfigExpression Operand) : KconfigExpression
    {
        public override int Evaluate(Func<string, string> valueOf) => 2 - Operand.Evaluate(valueOf);
    }

    public sealed record And(KconfigExpression Left, KconfigExpression Right) : KconfigExpression
    {
        public override int Evaluate(Func<string, string> valueOf) => Math.Min(Left.Evaluate(valueOf), Right.Evaluate(valueOf));
    }

    public sealed record Or(KconfigExpression Left, KconfigExpression Right) : KconfigExpression
    {
        public override int Evaluate(Func<string, string> valueOf) => Math.Max(Left.Evaluate(valueOf), Right.Evaluate(valueOf));
    }

    /// <summary>A word's value: a quoted string or number as written, y/m/n as themselves, a symbol's value.</summary>
    internal static string Value(string word, Func<string, string> valueOf) =>
        word.Length > 0 && word[0] == '"' ? word[1..^1]
        : word is "y" or "m" or "n" || (word.Length > 0 && (char.IsAsciiDigit(word[0]) || word[0] == '-')) ? word
        : valueOf(word);

    private sealed class Parser(string text, string location)
    {
        private int _at;

        public KconfigExpression Or()
        {
            var left = And();
            while (Take("||")) left = new Or(left, And());
            return left;
        }

        private KconfigExpression And()
        {
            var left = Unary();
            while (Take("&&")) left = new And(left, Unary());
            return left;
        }

        private KconfigExpression Unary()
        {
            if (Take("!")) return new Not(Unary());
            if (Take("("))
            {
                var inner = Or();
                if (!Take(")")) throw Error("missing ')'");
                return inner;
            }
            var word = Word();
            if (Take("!=")) return new Comparison(word, Word(), Equal: false);
            if (Take("=")) return new Comparison(word, Word(), Equal: true);
            return new Symbol(word);
        }

        private string Word()
        {
            SkipBlanks();
            var start = _at;
            if (_at < text.Length && text[_at] == '"')
            {
                _at = text.IndexOf('"', _at + 1);
                if (_at < 0) throw Error("unterminated string");
                _at++;
                return text[start.._at];
            }
            while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] is '_' or '-' or '.' or ',')) _at++;
            if (start == _at) throw Error($"unexpected '{(_at < text.Length ? text[_at..] : "end of line")}'");
            return text[start.._at];
        }

        private bool Take(string token)
        {
            SkipBlanks();
            if (string.CompareOrdinal(text, _at, token, 0, token.Length) != 0) return false;
            _at += token.Length;
            return true;
        }

        public void End()
        {
            SkipBlanks();
            if (_at < text.Length) throw Error($"unexpected '{text[_at..]}'");
        }

        private void SkipBlanks()
        {
            while (_at < text.Length && text[_at] is ' ' or '\t') _at++;
        }

        private UserError Error(string what) => new($"{location}: bad expression \"{text}\": {what}");
    }
}
