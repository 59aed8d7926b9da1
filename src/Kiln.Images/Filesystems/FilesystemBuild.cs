using System.Globalization;
using Kiln.Core.Processes;

namespace Kiln.Images.Filesystems;

/// <summary>
/// One image being made: the staged root, the temporary file the image is written to (it takes
/// the output's name only when complete), a scratch directory for the files the tools need
/// (device tables, configurations, intermediate images) and the log every command goes to.
/// </summary>
internal sealed class FilesystemBuild(string root, string output, FilesystemOptions options, string scratch, string logPath)
{
    public string Root { get; } = root;

    /// <summary>Where the image is written: a temporary name beside the final one.</summary>
    public string Output { get; } = output;

    public FilesystemOptions Options { get; } = options;

    public string Scratch { get; } = scratch;

    public string LogPath { get; } = logPath;

    public string EpochText => Options.Epoch.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs a program with the environment every image tool gets (C locale, for output Kiln reads;
    /// SOURCE_DATE_EPOCH) plus <paramref name="environment"/>, logs the command and its output, and
    /// stops with its last lines when it fails.
    /// </summary>
    public ProgramResult Run(HostProgram program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null,
        bool logOutput = true) => RunAllowingFailure(program, arguments, environment, logOutput).EnsureSucceeded(LogPath);

    /// <summary>As <see cref="Run"/>, for a caller that explains a failure itself.</summary>
    public ProgramResult RunAllowingFailure(HostProgram program, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null, bool logOutput = true)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["LC_ALL"] = "C",
            ["SOURCE_DATE_EPOCH"] = EpochText,
        };
        if (environment is not null)
            foreach (var (key, value) in environment) settings[key] = value;
        var result = program.Run(arguments, settings);
        Log($"$ {result.CommandLine}\n{(logOutput ? result.Output : result.StandardError)}" +
            (result.Succeeded ? "" : $"(exit status {result.ExitCode})\n"));
        return result;
    }

    /// <summary>Adds a line to the log: what Kiln did that no command shows.</summary>
    public void Note(string line) => Log($"# {line}\n");

    private void Log(string text) => File.AppendAllText(LogPath, text);
}
