using System.Collections.Concurrent;
using System.Text;
using Kiln.Make.Evaluation;

namespace Kiln.Make.Inputs;

/// <summary>
/// Runs a command whose output follows from its text alone (<see cref="PureCommand.Is"/>), or from its text and the
/// compiler it probes (<see cref="CompilerProbe"/>), once for all the evaluations sharing this runner, and any other
/// command each time. A target scan asks <c>expr 64 +</c> of eight boards; two packages of the feed probe gcc for
/// __LP64__. The answer is shared only between runs that would start the same shell the same way: the same SHELL, flags
/// and command, and the same variables a shell, the text tools and a compiler consult (PATH, the locale, BASH_ENV,
/// exported functions, <see cref="CompilerProbe.EnvironmentVariables"/>, ...).
/// </summary>
public sealed class SharedPureCommands : IShellRunner
{
    private readonly ConcurrentDictionary<string, Lazy<ShellOutcome>> _outcomes = new(StringComparer.Ordinal);

    public ShellOutcome Run(ShellInvocation invocation, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        if (!PureCommand.Is(invocation.Command) && CompilerProbe.Compilers(invocation.Command) is null) return invocation.Run(environment, timeout);
        var key = Key(invocation, environment);
        var outcome = _outcomes.GetOrAdd(key, _ => new Lazy<ShellOutcome>(() => invocation.Run(environment, timeout))).Value;
        // Only an answer the command gave is shared: a timeout, or a shell that did not start, may not happen again.
        if (outcome.DidTimeOut || outcome.StartFailure is not null) _outcomes.TryRemove(key, out _);
        return outcome;
    }

    private static string Key(ShellInvocation invocation, IReadOnlyDictionary<string, string> environment)
    {
        var key = new StringBuilder().Append(invocation.Shell).Append('\0').Append(invocation.ShellFlags).Append('\0').Append(invocation.Command);
        foreach (var (name, value) in environment.Where(v => Consulted(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal))
            key.Append('\0').Append(name).Append('=').Append(value);
        return key.ToString();
    }

    /// <summary>Whether a shell starting, or a text tool or compiler it runs, reads the variable.</summary>
    private static bool Consulted(string name) =>
        name is "PATH" or "LANG" or "LANGUAGE" or "POSIXLY_CORRECT" or "BASH_ENV" or "ENV" or "SHELLOPTS" or "BASHOPTS" or "GLOBIGNORE" or "IFS"
            or "TMPDIR"
        || name.StartsWith("LC_", StringComparison.Ordinal) || name.StartsWith("BASH_FUNC_", StringComparison.Ordinal)
        || CompilerProbe.EnvironmentVariables.Contains(name);
}
