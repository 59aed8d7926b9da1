using System.Diagnostics;
using System.Text;
using Kiln.Core.Errors;

namespace Kiln.Core.Processes;

/// <summary>
/// A program of the build machine that Kiln runs itself (mksquashfs, mke2fs, ...), and the Debian
/// package that provides it, so that a missing one is a message saying what to install.
/// </summary>
public sealed record HostProgram(string Name, string DebianPackage)
{
    /// <summary>
    /// Where Debian installs administrator programs: mke2fs, mkfs.jffs2 and ubinize live in
    /// /usr/sbin, which an ordinary user's PATH does not hold, so they are looked for there too.
    /// </summary>
    private const string SystemDirectories = "/usr/local/sbin:/usr/sbin:/sbin";

    /// <summary>Programs that never finish are killed after this long, as a build's recipes are.</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);

    /// <summary>The program's full path from this process's PATH (then the system directories), or a message naming the package.</summary>
    public string Locate() => Locate(Environment.GetEnvironmentVariable("PATH"));

    /// <summary>The program's full path from <paramref name="searchPath"/> (then the system directories), or a message naming the package.</summary>
    public string Locate(string? searchPath)
    {
        foreach (var directory in ((searchPath ?? "/usr/local/bin:/usr/bin:/bin") + ":" + SystemDirectories).Split(':'))
        {
            // A relative PATH entry would find a different program in each working directory.
            if (directory.Length == 0 || directory[0] != '/') continue;
            var candidate = directory + "/" + Name;
            if (IsExecutableFile(candidate)) return candidate;
        }
        throw new UserError($"{Name} not found: install the Debian package {DebianPackage} (apt-get install {DebianPackage})");
    }

    /// <summary>
    /// Runs the program to its end and collects what it printed. <paramref name="environment"/>
    /// changes this process's environment for it: a value sets a variable, null removes it. Its
    /// standard input is empty, so a program that asks a question gets no answer instead of
    /// waiting for ever.
    /// </summary>
    public ProgramResult Run(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Locate())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (environment is not null)
            foreach (var (key, value) in environment)
            {
                if (value is null) start.Environment.Remove(key);
                else start.Environment[key] = value;
            }

        var output = new StringBuilder();
        var errors = new StringBuilder();
        using var process = Process.Start(start) ?? throw new UserError($"{Name}: cannot be started");
        process.OutputDataReceived += (_, e) => Collect(output, null, e.Data);
        process.ErrorDataReceived += (_, e) => Collect(output, errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new UserError($"{Name}: did not finish in {(timeout ?? DefaultTimeout).TotalMinutes:0} minutes");
        }
        // The second wait returns once the output handlers have seen the end of both streams.
        process.WaitForExit();
        lock (output) return new ProgramResult(Name, arguments, process.ExitCode, output.ToString(), errors.ToString());
    }

    private static void Collect(StringBuilder output, StringBuilder? errors, string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Append(line).Append('\n');
            errors?.Append(line).Append('\n');
        }
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path)) return false;
        if (OperatingSystem.IsWindows()) return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        try
        {
            return (File.GetUnixFileMode(path) & anyExecute) != 0;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
