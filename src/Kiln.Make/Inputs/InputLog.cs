using System.Security.Cryptography;
using System.Text;
using Kiln.Core.Files;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;

namespace Kiln.Make.Inputs;

/// <summary>Records, in order, what one evaluation learned from outside itself.</summary>
public sealed class InputLog(IReadOnlyDictionary<string, string> environment) : IEvaluationInputs
{
    private readonly List<RecordedInput> _inputs = [];
    private readonly HashSet<string> _environmentRead = new(StringComparer.Ordinal);
    private readonly HashSet<ulong> _missing = [];
    private readonly DateTime _started = DateTime.UtcNow;
    private int _stamped;

    /// <summary>
    /// What the evaluation learned, in order. Each file read is stamped (<see cref="FileReadInput.Stamp"/>) when asked
    /// for, if it had settled before the log began (<see cref="FileStamp.SettledBefore"/>): a check then trusts an
    /// unchanged stamp instead of reading the file again.
    /// </summary>
    public IReadOnlyList<RecordedInput> Inputs
    {
        get
        {
            for (; _stamped < _inputs.Count; _stamped++)
                if (_inputs[_stamped] is FileReadInput { Stamp: null } file && FileStatus.Stat(file.Path) is { IsDirectory: false, Stamp: var stamp }
                    && stamp.SettledBefore(_started))
                    _inputs[_stamped] = file with { Stamp = stamp };
            return _inputs;
        }
    }

    /// <summary>False once the evaluation did something a reused result would not repeat.</summary>
    public bool Repeatable { get; private set; } = true;

    public void FileRead(string osPath, byte[] contentHash) => _inputs.Add(new FileReadInput(osPath, contentHash));

    public void PathQueried(string osPath, PathQuery query, bool answer) => _inputs.Add(new PathQueriedInput(osPath, query, answer));

    public void FileTimeRead(string osPath, long? seconds) => _inputs.Add(new FileTimeInput(osPath, seconds));

    public void DirectoryListed(string osDirectory, IReadOnlyList<string> names) =>
        _inputs.Add(new DirectoryListedInput(osDirectory, HashNames(names)));

    public void PathResolved(string path, string directory, string? resolved) => _inputs.Add(new PathResolvedInput(path, directory, resolved));

    /// <summary>
    /// A command and what it gave. One whose output follows from its text (<see cref="PureCommand"/>), and from the
    /// programs it names by path, recorded instead as they are now, is not run again to check; nor is one that reads
    /// named files (<see cref="FileReadingCommand"/>) and succeeded, whose files are recorded as read instead, by the
    /// bytes they have now: a <c>cat</c>'s must still hold what it printed, a <c>sed</c>'s must have settled before the
    /// evaluation began; nor a find of one directory (<see cref="ListingCommand"/>), whose entries are recorded
    /// instead, the directory having settled before the evaluation began, or being missing; nor one that failed,
    /// printing nothing, because its one file is not there, which is recorded as missing instead; nor a compiler probe
    /// (<see cref="CompilerProbe"/>) that ran to its end, successful or not, whose compilers are recorded instead, by the
    /// files the shell finds for them now, with the variables that tell a compiler where to look.
    /// </summary>
    public void ShellRan(ShellInvocation invocation, ShellOutcome outcome)
    {
        var reading = FileReadingCommand.Recognise(invocation.Command);
        var read = reading is not null && outcome.Status == 0 ? FilesRead(reading, invocation.WorkingDirectory, outcome.Output) : null;
        var missing = reading is not null && read is null ? MissingFileRead(reading, invocation.WorkingDirectory, outcome) : null;
        var ranToItsEnd = outcome is { StartFailure: null, DidTimeOut: false };
        var compilers = read is null && missing is null && ranToItsEnd ? CompilerProbe.Compilers(invocation.Command) : null;
        // A status below 128 is the command's own answer, not a signal's.
        var ownStatus = ranToItsEnd && outcome.Status is >= 0 and < 128;
        var programs = read is null && missing is null && compilers is null && ownStatus ? PureCommand.Programs(invocation.Command) : null;
        var listed = programs is null && ownStatus ? EntriesListed(invocation) : null;
        _inputs.Add(new ShellRanInput(invocation, HashOutcome(outcome),
            NotRechecked: read is not null || missing is not null || compilers is not null || programs is not null || listed is not null));
        if (listed is not null) _inputs.Add(listed);
        foreach (var (path, hash) in read ?? []) _inputs.Add(new FileReadInput(path, hash));
        if (missing is not null) _inputs.Add(new PathQueriedInput(missing, PathQuery.Exists, Answer: false));
        foreach (var program in programs ?? compilers ?? [])
            _inputs.Add(ProgramIdentityInput.Now(program, invocation.WorkingDirectory, environment.GetValueOrDefault("PATH")));
        if (compilers is null) return;
        foreach (var name in CompilerProbe.EnvironmentVariables) EnvironmentRead(name);
    }

    /// <summary>
    /// The entries of the directory a find listed (<see cref="ListingCommand"/>), as they are now; null when they may
    /// not be what it listed: the directory is there but had not settled before the evaluation began.
    /// </summary>
    private DirectoryEntriesInput? EntriesListed(ShellInvocation invocation)
    {
        if (ListingCommand.Directory(invocation.Command) is not { } directory) return null;
        var path = OsPath(directory, invocation.WorkingDirectory);
        return ReadSettled(path, _ => DirectoryEntriesInput.HashNow(path)) is { } hash ? new DirectoryEntriesInput(path, hash) : null;
    }

    /// <summary>
    /// What <paramref name="read"/> takes from a path that is not there or had settled before the evaluation began
    /// (<see cref="FileStamp.SettledBefore"/>), and that did not change while it was read: what a command read from it
    /// during the evaluation. Null otherwise.
    /// </summary>
    private T? ReadSettled<T>(string path, Func<PathStatus?, T?> read) where T : class
    {
        var before = FileStatus.Stat(path);
        if (before is { } status && !status.Stamp.SettledBefore(_started)) return null;
        return read(before) is { } value && FileStatus.Stat(path) == before ? value : null;
    }

    /// <summary>The one file a command could not read because it is not there (not now either); else null.</summary>
    private static string? MissingFileRead(FileReading reading, string workingDirectory, ShellOutcome outcome)
    {
        if (outcome.StartFailure is not null || outcome.DidTimeOut || outcome.Status != reading.StatusWhenMissing || outcome.Output.Length != 0
            || reading.Files is not [var file])
            return null;
        var path = OsPath(file, workingDirectory);
        return FileSystemView.Answer(path, PathQuery.Exists) ? null : path;
    }

    /// <summary>
    /// The files a command read, by the SHA-256 of their bytes; null when they cannot be read now, or may no longer
    /// hold what the command read: a <c>cat</c>'s no longer hold what it printed (changed meanwhile, or no plain files),
    /// a <c>sed</c>'s had not settled before the evaluation began (<see cref="FileStamp.SettledBefore"/>).
    /// </summary>
    private List<(string Path, byte[] Hash)>? FilesRead(FileReading reading, string workingDirectory, byte[] printed)
    {
        var read = new List<(string, byte[])>(reading.Files.Count);
        var offset = 0;
        foreach (var file in reading.Files)
        {
            var path = OsPath(file, workingDirectory);
            var bytes = reading.PrintsFiles ? BytesOf(path) : ReadSettled(path, status => status is { IsDirectory: false } ? BytesOf(path) : null);
            if (bytes is null) return null;
            if (reading.PrintsFiles)
            {
                if (offset + bytes.Length > printed.Length || !printed.AsSpan(offset, bytes.Length).SequenceEqual(bytes)) return null;
                offset += bytes.Length;
            }
            read.Add((path, SHA256.HashData(bytes)));
        }
        return !reading.PrintsFiles || offset == printed.Length ? read : null;
    }

    private static byte[]? BytesOf(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string OsPath(string file, string workingDirectory) =>
        Text.ByteText.ToOs(file.StartsWith('/') ? file : workingDirectory + "/" + file);

    public void EnvironmentRead(string name)
    {
        if (_environmentRead.Add(name)) _inputs.Add(new EnvironmentReadInput(name, environment.GetValueOrDefault(name)));
    }

    /// <summary>
    /// The names looked up and not defined (<see cref="VariableMissing"/>, as <see cref="EnvironmentKey.MissingName"/>
    /// keeps them): a result holds only while the environment has none of them. Kept apart from <see cref="Inputs"/>,
    /// as a set a cache may keep once for all its results.
    /// </summary>
    public IReadOnlyCollection<ulong> Missing => _missing;

    public void VariableMissing(ReadOnlySpan<char> name)
    {
        if (EnvironmentKey.MissingName(name) is { } hash) _missing.Add(hash);
    }

    public void NotRepeatable() => Repeatable = false;

    internal static byte[] HashNames(IReadOnlyList<string> names) => CacheDigest.Of(Encoding.UTF8.GetBytes(string.Join('\0', names)));

    /// <summary>
    /// What a command gave the evaluation: its status and output. Not what it printed on stderr, which only passes
    /// through to the user and can differ from run to run for the same result (gcc -dM -E piped into grep -q
    /// sometimes reports the broken pipe).
    /// </summary>
    internal static byte[] HashOutcome(ShellOutcome outcome)
    {
        return CacheDigest.Of(Encoding.UTF8.GetBytes($"{outcome.Status}\0{outcome.DidTimeOut}\0{outcome.StartFailure}\0{outcome.Output.Length}\0"),
            outcome.Output);
    }
}
