using Kiln.Make.Evaluation;
using Kiln.Make.Syntax.Expressions;
using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>A built-in function whose arguments are expanded before it runs.</summary>
internal delegate void ExpandedFunctionBody(Evaluator evaluator, string[] args, TextBuilder output);

/// <summary>A built-in function that expands its own arguments (if, and, or, foreach).</summary>
internal delegate void LazyFunctionBody(Evaluator evaluator, Expr[] args, TextBuilder output);

/// <summary>Which arguments of a lazy function have their surrounding whitespace removed before expansion.</summary>
internal enum ArgumentTrim
{
    None,
    First,
    All,
}

/// <summary>An entry of make's function table: name, argument counts, and how arguments are treated.</summary>
public sealed class MakeFunction
{
    internal MakeFunction(string name, int minArgs, int maxArgs, ExpandedFunctionBody body)
    {
        Name = name;
        MinArgs = minArgs;
        MaxArgs = maxArgs;
        Expanded = body;
    }

    internal MakeFunction(string name, int minArgs, int maxArgs, ArgumentTrim trim, LazyFunctionBody body)
    {
        Name = name;
        MinArgs = minArgs;
        MaxArgs = maxArgs;
        Trim = trim;
        Lazy = body;
    }

    public string Name { get; }

    public int MinArgs { get; }

    /// <summary>The last argument takes the rest of the text, commas included; 0 means no limit.</summary>
    public int MaxArgs { get; }

    public bool ExpandsArguments => Expanded is not null;

    /// <summary>Added by the program embedding Kiln (<see cref="FunctionSet"/>), not one of make's.</summary>
    public bool IsExtension { get; init; }

    internal ArgumentTrim Trim { get; }

    internal ExpandedFunctionBody? Expanded { get; }

    internal LazyFunctionBody? Lazy { get; }

    internal bool TrimsArgument(int index) => Trim == ArgumentTrim.All || (Trim == ArgumentTrim.First && index == 0);
}
