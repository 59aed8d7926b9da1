using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;

namespace Kiln.Make.Inputs;

/// <summary>
/// Tells whether recorded inputs still hold: every file has the same bytes, every probe the same
/// answer, every listing the same names, every path the same resolution, every environment
/// variable read the same value and every command the same output. Inputs are checked in the order they were recorded (a command may create what a
/// later probe finds). Within one run the file system is taken to stand still, as make takes it: a file's bytes are
/// hashed, a path probed, a directory listed and a path resolved once, however many Makefiles saw them (most see the
/// same API files and directories).
/// </summary>
public sealed class InputCheck(IReadOnlyDictionary<string, string> environment, TimeSpan shellTimeout)
{
    private readonly ConcurrentDictionary<string, byte[]?> _fileHashes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, PathQuery Query), bool> _answers = new();
    private readonly ConcurrentDictionary<string, byte[]> _listings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, string WorkingDirectory), string?> _resolutions = new();

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
        PathQueriedInput query => _answers.GetOrAdd((query.Path, query.Query), key => FileSystemView.Answer(key.Path, key.Query)) == query.Answer,
        DirectoryListedInput listing => _listings.GetOrAdd(listing.Directory, directory => InputLog.HashNames(FileSystemView.ListNow(directory)))
            .AsSpan().SequenceEqual(listing.NamesHash),
        PathResolvedInput path => _resolutions.GetOrAdd((path.Path, path.WorkingDirectory), key => PathFunctions.RealPath(key.Path, key.WorkingDirectory))
            == path.Resolved,
        ShellRanInput { NotRechecked: true } => true,
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
