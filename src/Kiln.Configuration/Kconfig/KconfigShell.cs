using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Kiln.Core.Files;

namespace Kiln.Configuration.Kconfig;

/// <summary>
/// Runs the commands of Kconfig's $(shell,CMD) as conf does: /bin/sh -c CMD in the source tree. Told where the
/// commands of an earlier load of the same tree are remembered, it starts those all at once when it is made, so
/// that a load waits for the slowest of them instead of their sum, and what the caller does meanwhile (reading the
/// target) overlaps them. Each command a load asks for is still run for it, by this process: one started ahead
/// answers only a command of the same text, once; any other runs when asked. What a command started ahead prints on
/// stderr is held back and passed on when a load asks for it: one that no load asks for any more says nothing.
/// </summary>
public sealed class KconfigShell : IDisposable
{
    private readonly string _sourceTree;
    private readonly string? _rememberedIn;
    private readonly IReadOnlyList<string> _remembered;
    private readonly Dictionary<string, Task<Ran?>> _started = new(StringComparer.Ordinal);
    private readonly List<string> _asked = [];
    private readonly TextWriter _errors;

    /// <param name="sourceTree">The directory commands run in (conf's working directory).</param>
    /// <param name="rememberedIn">The file that keeps the commands between runs (in the tree's tmp/kiln), or null.</param>
    /// <param name="errors">Where the stderr held back from a command started ahead goes (null: this process's stderr).</param>
    public KconfigShell(string sourceTree, string? rememberedIn, TextWriter? errors = null)
    {
        _sourceTree = sourceTree;
        _errors = errors ?? Console.Error;
        _rememberedIn = rememberedIn;
        _remembered = rememberedIn is null ? [] : Remembered(rememberedIn);
        // Started off the caller's thread too: starting a process takes milliseconds of its own.
        foreach (var command in _remembered) _started.TryAdd(command, Task.Run(() => RunAsync(command, holdErrors: true)));
    }

    /// <summary>The command's output, or null when /bin/sh could not be started.</summary>
    public string? Output(string command)
    {
        _asked.Add(command);
        if (!_started.Remove(command, out var ahead)) return RunAsync(command, holdErrors: false).GetAwaiter().GetResult()?.Output;
        var ran = ahead.GetAwaiter().GetResult();
        // Where the command would have written it, had it run now.
        if (ran is { Errors.Length: > 0 }) _errors.Write(ran.Errors);
        return ran?.Output;
    }

    /// <summary>Waits for the commands started ahead that no load asked for (none is left running), and remembers those asked for.</summary>
    public void Dispose()
    {
        foreach (var unused in _started.Values) unused.Wait();
        _started.Clear();
        if (_rememberedIn is null || _asked.SequenceEqual(_remembered)) return;
        try
        {
            AtomicFile.Write(_rememberedIn, string.Concat(_asked.Select(command => command + '\0')));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only the head start is lost: the next load runs the commands as they come.
        }
    }

    private static IReadOnlyList<string> Remembered(string file)
    {
        try
        {
            return File.Exists(file) ? File.ReadAllText(file, Encoding.UTF8).Split('\0', StringSplitOptions.RemoveEmptyEntries) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>What a command printed: on stdout, and on stderr when that was held back.</summary>
    private sealed record Ran(string Output, string Errors);

    /// <summary>Starts the command now and reads what it prints without holding a thread; its stderr is this process's unless held back.</summary>
    private Task<Ran?> RunAsync(string command, bool holdErrors)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", command])
        {
            WorkingDirectory = _sourceTree,
            RedirectStandardOutput = true,
            RedirectStandardError = holdErrors,
            UseShellExecute = false,
        };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            process = null;
        }
        return process is null ? Task.FromResult<Ran?>(null) : Finish(process, holdErrors);

        static async Task<Ran?> Finish(Process process, bool holdErrors)
        {
            using (process)
            {
                var errors = holdErrors ? process.StandardError.ReadToEndAsync() : Task.FromResult("");
                var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
                await process.WaitForExitAsync().ConfigureAwait(false);
                return new Ran(output, await errors.ConfigureAwait(false));
            }
        }
    }
}
