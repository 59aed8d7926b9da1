using Kiln.Core.Errors;
using Kiln.Make.Evaluation;
using Kiln.Make.Syntax.Expressions;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Make.Functions;

/// <summary>origin, flavor, value, foreach, call, eval: the functions that look at or create variables.</summary>
internal static class VariableFunctions
{
    public static void Register(List<MakeFunction> table)
    {
        table.Add(new MakeFunction("origin", 0, 1, (ev, a, o) => o.Append(ev.Variables.Lookup(a[0])?.Origin.ToMakeString() ?? "undefined")));
        table.Add(new MakeFunction("flavor", 0, 1, (ev, a, o) => o.Append(ev.Variables.Lookup(a[0])?.Flavor ?? "undefined")));
        table.Add(new MakeFunction("value", 0, 1, (ev, a, o) => o.Append(ev.Variables.Lookup(a[0])?.Value ?? "")));
        table.Add(new MakeFunction("foreach", 3, 3, ArgumentTrim.None, Foreach));
        table.Add(new MakeFunction("call", 1, 0, (ev, a, o) => ev.Call(a, o)));
        table.Add(new MakeFunction("eval", 0, 1, (ev, a, o) => ev.EvalText(a[0])));
    }

    private static void Foreach(Evaluator ev, Expr[] a, TextBuilder o)
    {
        var nameText = ev.ExpandToString(a[0]);
        var list = ev.ExpandToString(a[1]);
        var nameStart = CharClass.SkipSpace(nameText, 0, nameText.Length);
        var name = NameTable.Intern(nameText[nameStart..CharClass.EndOfToken(nameText, nameStart, nameText.Length)]);

        var scope = new VariableSet(1);
        var loopVariable = new Variable(name, "", recursive: false, Origin.Automatic, SourceLocation.None);
        scope.Add(loopVariable);
        ev.Variables.PushScope(scope);
        var any = false;
        var words = Words.Enumerate(list);
        while (words.MoveNext())
        {
            loopVariable.SetValue(words.Current.ToString());
            a[2].Expand(ev, o);
            o.Append(' ');
            any = true;
        }
        if (any) o.RemoveLast();
        ev.Variables.PopScope();
    }
}
