using Kiln.Make.Evaluation;
using Kiln.Make.Functions;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax.Expressions;

/// <summary>
/// <c>$(function arg,...)</c>. For most functions the arguments are expanded before the call;
/// for if/and/or/foreach the function decides what to expand (their arguments were already
/// trimmed as the function requires when parsed).
/// </summary>
public sealed class FunctionCallExpr(MakeFunction function, Expr[] arguments) : Expr
{
    public MakeFunction Function { get; } = function;

    public IReadOnlyList<Expr> Arguments => arguments;

    internal override void Expand(Evaluator evaluator, TextBuilder output) =>
        evaluator.CallFunction(Function, arguments, output);

    public override string ToString() => $"$({Function.Name} {string.Join(",", arguments.Select(a => a.ToString()))})";
}
