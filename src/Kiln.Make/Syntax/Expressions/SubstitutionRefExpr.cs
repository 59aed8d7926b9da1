using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax.Expressions;

/// <summary><c>$(NAME:PATTERN=REPLACEMENT)</c>: the words of NAME's value rewritten like patsubst.</summary>
public sealed class SubstitutionRefExpr(string name, string pattern, string replacement) : Expr
{
    public string Name { get; } = name;

    public string Pattern { get; } = pattern;

    public string Replacement { get; } = replacement;

    internal override void Expand(Evaluator evaluator, TextBuilder output) =>
        evaluator.SubstitutionReference(Name, Pattern, Replacement, output);

    public override string ToString() => $"$({Name}:{Pattern}={Replacement})";
}
