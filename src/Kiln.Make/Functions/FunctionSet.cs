using System.Collections.Frozen;
using Kiln.Make.Evaluation;

namespace Kiln.Make.Functions;

/// <summary>
/// Functions a program embedding Kiln gives one evaluator, as make's <c>load</c> gives them to one
/// make: typed closures over whatever they report to, so two evaluations can carry different ones
/// and nothing is shared by the process. Make's own functions always win over them.
/// </summary>
public sealed class FunctionSet
{
    public static readonly FunctionSet Empty = new(FrozenDictionary<string, MakeFunction>.Empty);

    private readonly FrozenDictionary<string, MakeFunction> _functions;
    private readonly FrozenDictionary<string, MakeFunction>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private FunctionSet(FrozenDictionary<string, MakeFunction> functions)
    {
        _functions = functions;
        _lookup = functions.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IEnumerable<MakeFunction> All => _functions.Values;

    public MakeFunction? Find(ReadOnlySpan<char> name) => _lookup.TryGetValue(name, out var f) ? f : null;

    /// <summary>
    /// This set and a function whose arguments are expanded before <paramref name="body"/> runs and
    /// whose result is the text it returns.
    /// </summary>
    public FunctionSet With(string name, int minArgs, int maxArgs, Func<Evaluator, IReadOnlyList<string>, string> body)
    {
        if (FunctionTable.Find(name) is not null || _functions.ContainsKey(name))
            throw new ArgumentException($"the function '{name}' is already defined", nameof(name));
        var function = new MakeFunction(name, minArgs, maxArgs, (ev, args, output) => output.Append(body(ev, args))) { IsExtension = true };
        return new FunctionSet(_functions.Values.Append(function).ToFrozenDictionary(f => f.Name, StringComparer.Ordinal));
    }

    /// <summary>The functions of both sets; a name may be in only one.</summary>
    public FunctionSet With(FunctionSet other)
    {
        var result = this;
        foreach (var function in other._functions.Values)
        {
            if (result._functions.ContainsKey(function.Name))
                throw new ArgumentException($"the function '{function.Name}' is already defined", nameof(other));
            result = new FunctionSet(result._functions.Values.Append(function).ToFrozenDictionary(f => f.Name, StringComparer.Ordinal));
        }
        return result;
    }
}
