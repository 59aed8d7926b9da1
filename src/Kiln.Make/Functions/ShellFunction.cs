using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>shell: runs a command and returns its output with newlines turned into spaces.</summary>
internal static class ShellFunction
{
    public static void Register(List<MakeFunction> table) =>
        table.Add(new MakeFunction("shell", 0, 1, (ev, a, o) => o.Append(ev.RunShell(a[0], trimAllNewlines: true))));

    /// <summary>
    /// make's fold_newlines: CR LF pairs lose the CR, every newline becomes a space, and trailing
    /// newlines are dropped (all of them for $(shell), only the last for <c>!=</c>).
    /// </summary>
    public static string FoldNewlines(string output, bool trimAllNewlines)
    {
        var sb = new System.Text.StringBuilder(output.Length);
        var lastNonNewline = -1;
        for (var i = 0; i < output.Length; i++)
        {
            var c = output[i];
            if (c == '\r' && i + 1 < output.Length && output[i + 1] == '\n') continue;
            if (c == '\n')
            {
                sb.Append(' ');
            }
            else
            {
                lastNonNewline = sb.Length;
                sb.Append(c);
            }
        }
        var keep = lastNonNewline + 1;
        if (!trimAllNewlines && keep < sb.Length - 1) keep = sb.Length - 1;
        return sb.ToString(0, keep);
    }
}
