using System.Diagnostics;
using Kiln.Packing.Archives;

namespace Kiln.Packing.Tests;

/// <summary>A fresh directory under the system temp folder, removed on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kiln-packing-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string In(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes a file (making its directory), optionally with a mode.</summary>
    public string Write(string relative, string text, UnixFileMode? mode = null)
    {
        var path = In(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        if (mode is { } m && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, m);
        return path;
    }

    /// <summary>Every file and directory under the directory, relative, sorted.</summary>
    public string[] Listing() =>
        Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(Path, p)).Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Runs host tools (tar, signify-openbsd) the way a user would.</summary>
public static class Tool
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string workingDirectory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["TZ"] = "UTC";
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs a tool that must succeed, returning its standard output.</summary>
    public static string Succeed(string workingDirectory, string program, params string[] arguments)
    {
        var result = Run(workingDirectory, program, arguments);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Error}{result.Output}");
        return result.Output;
    }

    public const string Signify = "/usr/bin/signify-openbsd";

    /// <summary>Fails the test, saying what to install, when signify-openbsd is not there.</summary>
    public static void RequireSignify() =>
        Assert.True(File.Exists(Signify),
            $"{Signify} is missing: install signify-openbsd (apt-get install signify-openbsd) to run the usign compatibility tests");
}

/// <summary>Entries compared by value (the record compares its byte arrays by reference).</summary>
public static class Entries
{
    public static string Describe(TarGz.Entry e) =>
        $"{e.Name} {Convert.ToString((int)e.Mode, 8)} " +
        (e.LinkTarget is { } link ? "-> " + link : e.Bytes is { } bytes ? Convert.ToHexString(bytes) : "dir");

    public static string[] Describe(IEnumerable<TarGz.Entry> entries) => entries.Select(Describe).ToArray();
}
