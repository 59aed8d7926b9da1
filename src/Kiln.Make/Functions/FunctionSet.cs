using Kiln.Make.Evaluation;

namespace Kiln.Make.Functions;

/// <summary>
/// Functions a program embedding Kiln gives one evaluator, as make's <c>load</c> gives them to one
/// make: typed closures over whatever they report to, so two evaluations can carry different ones
/// and nothing is shared by the process. Make's own functions always win over them.
/// </summary>
public sealed class FunctionSet
{
    public static readonly FunctionSet Empty = new([]);

    // A handful at most, looked up on every $(call) of a name make does not have: a short array
    // searched in place costs less than hashing (and needs no code compiled at run time).
    private readonly MakeFunction[] _functions;

    private FunctionSet(MakeFunction[] functions) => _functions = functions;

    public IEnumerable<MakeFunction> All => _functions;

    public MakeFunction? Find(ReadOnlySpan<char> name)
    {
        foreach (var function in _functions)
            if (name.SequenceEqual(function.Name)) return function;
        return null;
    }

    /// <summary>
    /// This set and a function whose arguments are expanded before <paramref name="body"/> runs and
    /// whose result is the text it returns.
    /// </summary>
    public FunctionSet With(string name, int minArgs, int maxArgs, Func<Evaluator, IReadOnlyList<string>, string> body) =>
        With(new FunctionSet([new MakeFunction(name, minArgs, maxArgs, (ev, args, output) => output.Append(body(ev, args))) { IsExtension = true }]));

    /// <summary>The functions of both sets; a name may be in only one, and none may be make's own.</summary>
    public FunctionSet With(FunctionSet other)
    {
        foreach (var function in other._functions)
            if (FunctionTable.Find(function.Name) is not null || Find(function.Name) is not null)
                throw new ArgumentException($"the function '{function.Name}' is already defined", nameof(other));
        return new FunctionSet([.. _functions, .. other._functions]);
    }
}
