using Kiln.Core.Errors;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>info, warning, error.</summary>
internal static class MessageFunctions
{
    public static void Register(List<MakeFunction> table)
    {
        table.Add(new MakeFunction("info", 0, 1, (ev, a, o) => ev.Output.Info(a[0])));
        table.Add(new MakeFunction("warning", 0, 1, (ev, a, o) => ev.Warn(ev.ReadingLocation, a[0])));
        table.Add(new MakeFunction("error", 0, 1, (ev, a, o) => throw new Kiln.Core.Errors.UserError(ev.ReadingLocation, a[0])));
    }
}
