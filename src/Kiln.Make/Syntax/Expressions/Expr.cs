using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Syntax.Expressions;

/// <summary>
/// Makefile text parsed for expansion: literal runs, variable references and function calls.
/// Parsing follows make's own left-to-right scan, so expanding the tree has the same effects,
/// in the same order, as make expanding the text. Trees are immutable and shared across threads.
/// </summary>
public abstract class Expr
{
    /// <summary>Appends the expansion to <paramref name="output"/>.</summary>
    internal abstract void Expand(Evaluator evaluator, TextBuilder output);

    /// <summary>The text, when the expression contains no reference at all; otherwise null.</summary>
    public virtual string? ConstantText => null;
}
