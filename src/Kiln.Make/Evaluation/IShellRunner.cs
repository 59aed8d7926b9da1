namespace Kiln.Make.Evaluation;

/// <summary>Runs the commands an evaluation hands the shell ($(shell), !=), or answers for them as running them would.</summary>
public interface IShellRunner
{
    ShellOutcome Run(ShellInvocation invocation, IReadOnlyDictionary<string, string> environment, TimeSpan timeout);
}
