using System.Collections.Frozen;
using Kiln.Make.Evaluation;

namespace Kiln.Make.Functions;

/// <summary>
/// The built-in functions of GNU make 4.3 (no guile; let and intcmp came later). Functions a
/// program embedding Kiln adds belong to one evaluator (<see cref="FunctionSet"/>).
/// </summary>
public static class FunctionTable
{
    private static readonly Table Builtin = new(Builtins());

    public static IEnumerable<MakeFunction> All => Builtin.Functions.Values;

    public static MakeFunction? Find(ReadOnlySpan<char> name) => Builtin.Lookup.TryGetValue(name, out var f) ? f : null;

    private static List<MakeFunction> Builtins()
    {
        var list = new List<MakeFunction>();
        TextFunctions.Register(list);
        WordFunctions.Register(list);
        FileNameFunctions.Register(list);
        ConditionalFunctions.Register(list);
        VariableFunctions.Register(list);
        MessageFunctions.Register(list);
        ShellFunction.Register(list);
        FileFunction.Register(list);
        return list;
    }

    private sealed class Table
    {
        public Table(IEnumerable<MakeFunction> functions)
        {
            Functions = functions.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
            Lookup = Functions.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public FrozenDictionary<string, MakeFunction> Functions { get; }

        public FrozenDictionary<string, MakeFunction>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }
    }
}
