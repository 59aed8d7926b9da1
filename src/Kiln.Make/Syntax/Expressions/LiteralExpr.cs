using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax.Expressions;

/// <summary>Text copied to the output as it is (with <c>$$</c> already turned into <c>$</c>).</summary>
public sealed class LiteralExpr(string text) : Expr
{
    public static readonly LiteralExpr Empty = new("");

    public string Text { get; } = text;

    public override string? ConstantText => Text;

    internal override void Expand(Evaluator evaluator, TextBuilder output) => output.Append(Text);

    public override string ToString() => Text;
}
