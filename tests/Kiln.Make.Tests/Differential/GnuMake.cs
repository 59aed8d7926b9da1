using System.Diagnostics;

namespace Kiln.Make.Tests.Differential;

/// <summary>Runs the reference: GNU make 4.3 at /usr/bin/make.</summary>
public static class GnuMake
{
    public const string Path = "/usr/bin/make";

    public sealed record Result(string Stdout, string Stderr, int ExitCode);

    /// <summary>Fails the test (never skips it) when the reference is not installed.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(Path))
            Assert.Fail("GNU make is not installed at /usr/bin/make: the differential tests need it. Install it with: sudo apt-get install make");
        var version = Run(["--version"], Directory.GetCurrentDirectory(), BaseEnvironment()).Stdout;
        if (!version.StartsWith("GNU Make 4.3", StringComparison.Ordinal))
            Assert.Fail($"The differential tests need GNU make 4.3 at /usr/bin/make; found: {version.Split('\n')[0]}");
    }

    /// <summary>The environment both make and Kiln get: a fixed PATH and locale, nothing else.</summary>
    public static Dictionary<string, string> BaseEnvironment() => new(StringComparer.Ordinal)
    {
        ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
        ["LC_ALL"] = "C",
    };

    public static Result Run(IEnumerable<string> arguments, string directory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("make")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
            StandardOutputEncoding = System.Text.Encoding.Latin1,
            StandardErrorEncoding = System.Text.Encoding.Latin1,
        };
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        start.Environment.Clear();
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("GNU make did not finish within 60 s");
        }
        return new Result(stdout.Result, stderr.Result, process.ExitCode);
    }
}
