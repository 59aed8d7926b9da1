using System.Collections.Frozen;

namespace Kiln.Make.Functions;

/// <summary>The built-in functions of GNU make 4.3 (no guile; let and intcmp came later).</summary>
public static class FunctionTable
{
    private static readonly FrozenDictionary<string, MakeFunction> Functions = Build();
    private static readonly FrozenDictionary<string, MakeFunction>.AlternateLookup<ReadOnlySpan<char>> SpanLookup =
        Functions.GetAlternateLookup<ReadOnlySpan<char>>();

    public static IEnumerable<MakeFunction> All => Functions.Values;

    public static MakeFunction? Find(ReadOnlySpan<char> name) => SpanLookup.TryGetValue(name, out var f) ? f : null;

    private static FrozenDictionary<string, MakeFunction> Build()
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
        return list.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
    }
}
