using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax.Expressions;

/// <summary>
/// A syntax error inside text (an unterminated reference or call). Make only notices it when it
/// expands that far, after the text before it has had its effects, so the error fires there too.
/// </summary>
public sealed class ErrorExpr(string reason) : Expr
{
    public string Reason { get; } = reason;

    internal override void Expand(Evaluator evaluator, TextBuilder output) =>
        throw evaluator.ErrorAtExpansion(Reason);

    public override string ToString() => $"<error: {Reason}>";
}
