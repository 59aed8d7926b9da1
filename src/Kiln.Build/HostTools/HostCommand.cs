using System.Diagnostics;
using Kiln.Core.Errors;

namespace Kiln.Build.HostTools;

/// <summary>Runs a host program to its end and collects what it printed (stdout and stderr together).</summary>
public static class HostCommand
{
    public static (int Status, string Output) Run(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new UserError($"cannot start {program}");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromHours(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new UserError($"{program} {string.Join(' ', arguments)}: did not finish in time");
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>Runs a pipeline through /bin/sh, failing with its output when it fails.</summary>
    public static string Shell(string command, string workingDirectory, string what)
    {
        var (status, output) = Run("/bin/sh", ["-c", command], workingDirectory);
        if (status != 0) throw new UserError($"{what} failed (exit status {status}):\n{output.TrimEnd()}");
        return output;
    }
}
