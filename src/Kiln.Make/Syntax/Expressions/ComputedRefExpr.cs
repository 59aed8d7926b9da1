using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax.Expressions;

/// <summary>
/// <c>$($(x)_y)</c>: the name is expanded first; the result may itself turn out to be a
/// substitution reference, as in make.
/// </summary>
public sealed class ComputedRefExpr(Expr name) : Expr
{
    public Expr Name { get; } = name;

    internal override void Expand(Evaluator evaluator, TextBuilder output)
    {
        var name = evaluator.ExpandToString(Name);
        evaluator.NamedReference(name, output);
    }

    public override string ToString() => $"$({Name})";
}
