using System.Collections.Frozen;
using Kiln.Make.Evaluation;

namespace Kiln.Make.Functions;

/// <summary>
/// The built-in functions of GNU make 4.3 (no guile; let and intcmp came later), plus the
/// functions a program embedding Kiln adds, as make's <c>load</c> adds them: for the whole
/// process, before the makefiles that call them are read.
/// </summary>
public static class FunctionTable
{
    private static readonly object ExtendLock = new();
    private static volatile Table Current = new(Builtins());

    public static IEnumerable<MakeFunction> All => Current.Functions.Values;

    public static MakeFunction? Find(ReadOnlySpan<char> name) => Current.Lookup.TryGetValue(name, out var f) ? f : null;

    /// <summary>
    /// Adds a function whose arguments are expanded before <paramref name="body"/> runs and whose
    /// result is the text it returns. Adding the same name again keeps the first definition.
    /// </summary>
    public static void Extend(string name, int minArgs, int maxArgs, Func<Evaluator, IReadOnlyList<string>, string> body)
    {
        lock (ExtendLock)
        {
            if (Current.Functions.ContainsKey(name)) return;
            var function = new MakeFunction(name, minArgs, maxArgs, (ev, args, output) => output.Append(body(ev, args))) { IsExtension = true };
            Current = new Table(Current.Functions.Values.Append(function));
        }
    }

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
