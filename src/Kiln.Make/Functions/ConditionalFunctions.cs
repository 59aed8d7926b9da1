using Kiln.Make.Evaluation;
using Kiln.Make.Syntax.Expressions;
using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>if, or, and: they expand only the arguments they need, in order.</summary>
internal static class ConditionalFunctions
{
    public static void Register(List<MakeFunction> table)
    {
        table.Add(new MakeFunction("if", 2, 3, ArgumentTrim.First, If));
        table.Add(new MakeFunction("or", 1, 0, ArgumentTrim.All, Or));
        table.Add(new MakeFunction("and", 1, 0, ArgumentTrim.All, And));
    }

    private static void If(Evaluator ev, Expr[] a, TextBuilder o)
    {
        var condition = a[0].ConstantText?.Length > 0 || (a[0].ConstantText is null && ev.ExpandToString(a[0]).Length > 0);
        var branch = condition ? 1 : 2;
        if (branch < a.Length) a[branch].Expand(ev, o);
    }

    private static void Or(Evaluator ev, Expr[] a, TextBuilder o)
    {
        foreach (var arg in a)
        {
            var value = ev.ExpandToString(arg);
            if (value.Length == 0) continue;
            o.Append(value);
            return;
        }
    }

    private static void And(Evaluator ev, Expr[] a, TextBuilder o)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var value = ev.ExpandToString(a[i]);
            if (value.Length == 0) return;
            if (i == a.Length - 1) o.Append(value);
        }
    }
}
