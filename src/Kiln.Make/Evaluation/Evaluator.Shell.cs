using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Functions;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

public sealed partial class Evaluator
{
    /// <summary>
    /// Runs a command for $(shell) or <c>!=</c> with make's environment, sets .SHELLSTATUS, and
    /// returns its output folded onto one line. A command that outlives the shell timeout fails the evaluation.
    /// </summary>
    internal string RunShell(string command, bool trimAllNewlines)
    {
        var invocation = new ShellInvocation(ValueOf("SHELL") ?? "", ValueOf(".SHELLFLAGS") ?? "-c", command, WorkingDirectoryFor(""));
        var outcome = Options.Shells?.Run(invocation, Environment, Options.ShellTimeout) ?? invocation.Run(Environment, Options.ShellTimeout);
        Options.Inputs?.ShellRan(invocation, outcome);
        if (ReferenceEquals(outcome, ShellOutcome.NothingToRun)) return "";
        if (outcome.DidTimeOut)
        {
            Options.Inputs?.NotRepeatable();
            throw new UserError(ReadingLocation,
                $"$(shell {command}) did not finish within {Options.ShellTimeout.TotalSeconds:0} seconds and was stopped");
        }
        if (outcome.StartFailure is { } failure)
        {
            Output.Diagnostic($"{ProgramName}: {failure}");
            SetShellStatus(127);
            return "";
        }

        if (outcome.Errors.Length > 0) Output.ErrorText(ByteText.Encoding.GetString(outcome.Errors));
        SetShellStatus(outcome.Status);
        var text = ByteText.Encoding.GetString(outcome.Output);
        // make reads the output as a C string: it ends at a NUL byte.
        var nul = text.IndexOf('\0');
        if (nul >= 0) text = text[..nul];
        if (outcome.Status == 127)
        {
            // make treats 127 as a failed exec and shows what the command printed on stderr.
            Output.ErrorText(text);
            return "";
        }
        return ShellFunction.FoldNewlines(text, trimAllNewlines);
    }

    private void SetShellStatus(int status) =>
        Variables.Define(".SHELLSTATUS", status.ToString(System.Globalization.CultureInfo.InvariantCulture), Origin.Override, recursive: false,
            SourceLocation.None);
}
