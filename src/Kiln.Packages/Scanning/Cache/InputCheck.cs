using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;

namespace Kiln.Packages.Scanning.Cache;

/// <summary>
/// Tells whether recorded inputs still hold: every file has the same bytes, every probe the same
/// answer, every listing the same names, every path the same resolution, every environment
/// variable read the same value and every command the same output. Inputs are checked in the order they were recorded (a command may create what a
/// later probe finds); a file's bytes are hashed once per run.
/// </summary>
public sealed class InputCheck(IReadOnlyDictionary<string, string> environment, TimeSpan shellTimeout)
{
    private readonly ConcurrentDictionary<string, byte[]?> _fileHashes = new(StringComparer.Ordinal);

    /// <param name="inputs">Null (inputs that could not be read back) never hold.</param>
    public bool StillHold(IReadOnlyList<RecordedInput>? inputs)
    {
        if (inputs is null) return false;
        foreach (var input in inputs)
            if (!Holds(input)) return false;
        return true;
    }

    private bool Holds(RecordedInput input) => input switch
    {
        FileReadInput file => _fileHashes.GetOrAdd(file.Path, HashFile) is { } hash && hash.AsSpan().SequenceEqual(file.ContentHash),
        PathQueriedInput query => FileSystemView.Answer(query.Path, query.Query) == query.Answer,
        DirectoryListedInput listing => InputLog.HashNames(FileSystemView.ListNow(listing.Directory)).AsSpan().SequenceEqual(listing.NamesHash),
        PathResolvedInput path => PathFunctions.RealPath(path.Path, path.WorkingDirectory) == path.Resolved,
        ShellRanInput { OutputIgnored: true } => true,
        ShellRanInput shell => InputLog.HashOutcome(shell.Invocation.Run(environment, shellTimeout)).AsSpan().SequenceEqual(shell.OutcomeHash),
        FileTimeInput time => FileTimeInput.Now(time.Path) == time.Seconds,
        EnvironmentReadInput variable => environment.GetValueOrDefault(variable.Name) == variable.Value,
        _ => throw new InvalidOperationException($"unknown input {input.GetType().Name}"),
    };

    private static byte[]? HashFile(string path)
    {
        try
        {
            return SHA256.HashData(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
