using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Kiln.Cli.Tests;

/// <summary>What one run of kiln did.</summary>
public sealed record KilnRun(IReadOnlyList<string> Arguments, int Status, string Stdout, string Stderr)
{
    public string FirstErrorLine => Stderr.Split('\n')[0];

    /// <summary>The command line, exit status and output, for a failing assertion's message.</summary>
    public override string ToString() =>
        $"$ kiln {string.Join(' ', Arguments.Select(Quote))}\nexit status: {Status}\n--- stderr:\n{Clip(Stderr)}\n--- stdout:\n{Clip(Stdout)}";

    private static string Quote(string a) => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=+:,@".Contains(c)) ? a : $"'{a}'";

    private static string Clip(string text)
    {
        var lines = text.Split('\n');
        return lines.Length <= 25 ? text : string.Join('\n', lines.Take(25)) + $"\n[... {lines.Length - 25} more lines]";
    }
}

/// <summary>Runs the real kiln executable: the native program users run, as the repository's launcher publishes it.</summary>
public static class KilnProcess
{
    public const int SigInt = 2;

    /// <summary>
    /// The repository's .kiln-build/kiln, which its launcher (./kiln) publishes ahead of time compiled when the sources
    /// changed: published once per test run, before the first case starts it, so that no case waits on the publish
    /// within its own time limit, and what the cases test is what ships rather than the JIT-compiled build.
    /// </summary>
    public static string Program => Published.Value;

    private static readonly Lazy<string> Published = new(Publish);

    /// <summary>The folder of Kiln.sln above the tests.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
                if (File.Exists(Path.Combine(directory.FullName, "Kiln.sln"))) return directory.FullName;
            throw new InvalidOperationException("no Kiln.sln above " + AppContext.BaseDirectory);
        }
    }

    private static string Publish()
    {
        var launcher = new ProcessStartInfo(Path.Combine(RepositoryRoot, "kiln"), "--version")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(launcher)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"./kiln --version exited with {process.ExitCode}:\n{stderr.Result}{stdout}");
        return Path.Combine(RepositoryRoot, ".kiln-build", "kiln");
    }

    /// <summary>Runs kiln in <paramref name="directory"/> to its end (killed after <paramref name="timeout"/>, which fails the case).</summary>
    /// <param name="environment">Variables set for this run besides the test's own environment.</param>
    public static KilnRun Run(string directory, IReadOnlyList<string> arguments, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var kiln = Start(directory, arguments, processGroup: false, environment);
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        if (!kiln.Process.WaitForExit(limit))
        {
            kiln.Process.Kill(entireProcessTree: true);
            Assert.Fail($"kiln {string.Join(' ', arguments)} still ran after {limit.TotalSeconds:0} s");
        }
        return kiln.Result();
    }

    /// <summary>
    /// Starts kiln with no input; <paramref name="processGroup"/>: in a process group of its own (through setsid), as a shell job.
    /// SIGINT has its default action in kiln even when the tests run as a background job, which ignores it (and exec keeps
    /// an ignored signal ignored: kiln, as make, then cannot be interrupted).
    /// </summary>
    public static RunningKiln Start(string directory, IReadOnlyList<string> arguments, bool processGroup,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(processGroup ? "setsid" : "env")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        if (processGroup) start.ArgumentList.Add("env");
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(Program);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return new RunningKiln(Process.Start(start)!, arguments);
    }

    /// <summary>Sends a signal to a process, or to a process group when <paramref name="pid"/> is negative.</summary>
    public static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>A kiln process with its output being read.</summary>
public sealed class RunningKiln : IDisposable
{
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    public RunningKiln(Process process, IReadOnlyList<string> arguments)
    {
        Process = process;
        Arguments = arguments;
        process.StandardInput.Close();
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public Process Process { get; }

    public IReadOnlyList<string> Arguments { get; }

    /// <summary>What it printed and its status, once it has exited.</summary>
    public KilnRun Result()
    {
        Process.WaitForExit();
        return new KilnRun(Arguments, Process.ExitCode, _stdout.GetAwaiter().GetResult(), _stderr.GetAwaiter().GetResult());
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
