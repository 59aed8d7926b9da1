using Kiln.Make.Evaluation;
using Kiln.Make.Functions;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax.Expressions;

/// <summary>
/// <c>$(name args)</c> where make has no function <c>name</c>: a call when the evaluator was given
/// such a function (<see cref="FunctionSet"/>), else the variable reference make reads there.
/// Parsed text is shared by evaluators with different functions, so the choice is made here.
/// </summary>
public sealed class ExtensionCallExpr(string name, string argumentText, char openParen, Expr reference) : Expr
{
    private ParsedCall? _parsed;

    public string Name { get; } = name;

    /// <summary>What the text means when the evaluator has no function of that name.</summary>
    public Expr Reference { get; } = reference;

    internal override void Expand(Evaluator evaluator, TextBuilder output)
    {
        if (evaluator.EmbeddedFunction(Name) is not { } function)
        {
            Reference.Expand(evaluator, output);
            return;
        }
        // Sets of functions differ only in which exist, so one parse per function is kept.
        var parsed = _parsed;
        if (parsed?.Function != function)
        {
            parsed = new ParsedCall(function, ExprParser.ParseArguments(function, argumentText, 0, argumentText.Length, openParen));
            _parsed = parsed;
        }
        evaluator.CallFunction(function, parsed.Arguments, output);
    }

    /// <summary>A reference, so that threads sharing this node see a whole pair or none.</summary>
    private sealed record ParsedCall(MakeFunction Function, Expr[] Arguments);

    public override string ToString() => $"$({Name} {argumentText})";
}
