using System.Diagnostics;
using System.Text;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Build.Recipes;

/// <summary>
/// Runs an expanded recipe as make runs it: one shell per command (make's SHELL and .SHELLFLAGS),
/// each command echoed unless it starts with @, a failure ending the recipe unless it starts with
/// -, the output of every command going to the step's log.
/// </summary>
public static class RecipeRunner
{
    /// <param name="shell">make's SHELL (may be several words, as <c>/usr/bin/env bash</c>).</param>
    public static void Run(string recipe, IReadOnlyDictionary<string, string> environment, string workingDirectory,
        string shell, string shellFlags, string logPath, CancellationToken cancel)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        using var log = new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.Read);
        var shellWords = shell.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var flags = shellFlags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var command in RecipeCommand.Split(recipe))
        {
            cancel.ThrowIfCancellationRequested();
            if (!command.Silent) Append(log, ByteText.Encoding.GetBytes(command.Text + "\n"));
            var status = RunOne(shellWords, flags, command.Text, environment, workingDirectory, log, cancel);
            if (status == 0) continue;
            if (command.IgnoreErrors)
            {
                Append(log, Encoding.ASCII.GetBytes($"(exit status {status} ignored)\n"));
                continue;
            }
            throw new StepFailure(command.Text, status, logPath);
        }
    }

    private static int RunOne(string[] shell, string[] flags, string command, IReadOnlyDictionary<string, string> environment,
        string workingDirectory, FileStream log, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(shell[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var word in shell.Skip(1).Concat(flags)) start.ArgumentList.Add(word);
        start.ArgumentList.Add(ByteText.ToOs(command));
        start.Environment.Clear();
        foreach (var (name, value) in environment) start.Environment[ByteText.ToOs(name)] = ByteText.ToOs(value);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var copyOut = Copy(process.StandardOutput.BaseStream, log);
        var copyErr = Copy(process.StandardError.BaseStream, log);
        using (cancel.Register(() => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }))
        {
            process.WaitForExit();
            Task.WaitAll(copyOut, copyErr);
        }
        cancel.ThrowIfCancellationRequested();
        return process.ExitCode;
    }

    private static async Task Copy(Stream from, FileStream to)
    {
        var buffer = new byte[8192];
        int n;
        while ((n = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0) Append(to, buffer.AsSpan(0, n));
    }

    private static void Append(FileStream log, ReadOnlySpan<byte> bytes)
    {
        lock (log)
        {
            log.Write(bytes);
            log.Flush();
        }
    }
}
