using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax.Expressions;

/// <summary><c>$(NAME)</c>, <c>${NAME}</c> or <c>$N</c> with a name known when parsing.</summary>
public sealed class VariableRefExpr(string name) : Expr
{
    public string Name { get; } = name;

    internal override void Expand(Evaluator evaluator, TextBuilder output) => evaluator.ReferenceVariable(Name, output);

    public override string ToString() => $"$({Name})";
}
