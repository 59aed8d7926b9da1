using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax.Expressions;

/// <summary>Parts expanded one after another.</summary>
public sealed class SequenceExpr(Expr[] parts) : Expr
{
    public IReadOnlyList<Expr> Parts => parts;

    internal override void Expand(Evaluator evaluator, TextBuilder output)
    {
        foreach (var part in parts) part.Expand(evaluator, output);
    }

    public override string ToString() => string.Concat(parts.Select(p => p.ToString()));
}
