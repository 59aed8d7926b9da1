using System.ComponentModel;
using System.Diagnostics;
using Kiln.Make.Text;

namespace Kiln.Make.Evaluation;

/// <summary>
/// One command as $(shell) runs it: split by make's fast path or handed to the shell, the program
/// found with execvp's rules, started in <see cref="WorkingDirectory"/> with make's environment.
/// </summary>
public sealed record ShellInvocation(string Shell, string ShellFlags, string Command, string WorkingDirectory)
{
    public ShellOutcome Run(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var argv = ShellCommand.Build(Command, Shell, ShellFlags);
        if (argv is null) return ShellOutcome.NothingToRun;

        var (program, error) = Executables.Resolve(argv[0], environment.GetValueOrDefault("PATH"), WorkingDirectory);
        if (program is null) return ShellOutcome.CannotStart($"{argv[0]}: {Executables.Describe(error)}");

        Process process;
        try
        {
            process = Start(program, argv.Skip(1), environment);
        }
        catch (Win32Exception e) when (e.NativeErrorCode == 8)
        {
            // A script without "#!": execvp hands it to /bin/sh, and so does make.
            process = Start("/bin/sh", argv.Skip(1).Prepend(program), environment);
        }
        catch (Win32Exception e)
        {
            return ShellOutcome.CannotStart($"{argv[0]}: {Executables.Describe(e.NativeErrorCode)}");
        }

        using (process)
        {
            using var output = new MemoryStream();
            using var errors = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            var copyErrors = process.StandardError.BaseStream.CopyToAsync(errors);
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return ShellOutcome.TimedOut;
            }
            copy.Wait();
            copyErrors.Wait();
            return new ShellOutcome(output.ToArray(), errors.ToArray(), process.ExitCode, StartFailure: null, DidTimeOut: false);
        }
    }

    private Process Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(ByteText.ToOs(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ByteText.ToOs(WorkingDirectory),
        };
        foreach (var arg in arguments) start.ArgumentList.Add(ByteText.ToOs(arg));
        start.Environment.Clear();
        foreach (var (name, value) in environment) start.Environment[ByteText.ToOs(name)] = ByteText.ToOs(value);
        return Process.Start(start)!;
    }
}

/// <summary>What a command did: its output and exit status, or why it did not run to the end.</summary>
public sealed record ShellOutcome(byte[] Output, byte[] Errors, int Status, string? StartFailure, bool DidTimeOut)
{
    /// <summary>An empty command: nothing starts and .SHELLSTATUS is left alone.</summary>
    public static readonly ShellOutcome NothingToRun = new([], [], -1, null, false);

    public static readonly ShellOutcome TimedOut = new([], [], -1, null, true);

    public static ShellOutcome CannotStart(string reason) => new([], [], 127, reason, false);

    public bool SameAs(ShellOutcome other) =>
        Status == other.Status && StartFailure == other.StartFailure && DidTimeOut == other.DidTimeOut &&
        Output.AsSpan().SequenceEqual(other.Output) && Errors.AsSpan().SequenceEqual(other.Errors);
}
