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
    /// A command and what it gave. One whose output follows from its text (<see cref="PureCommand"/>) is not run again
    /// to check; nor is a successful <c>cat</c> of named files (<see cref="FileReadingCommand"/>), whose files are
    /// recorded as read instead, by the bytes they have now (just after the command read them); nor a <c>cat</c> of one
    /// file that failed, printing nothing, because the file is not there, which is recorded as missing instead; nor a
    /// compiler probe (<see cref="CompilerProbe"/>) that ran to its end, successful or not, whose compilers are recorded
    /// instead, by the files the shell finds for them now, with the variables that tell a compiler where to look.
    /// </summary>
    public void ShellRan(ShellInvocation invocation, ShellOutcome outcome)
    {
        var read = outcome.Status == 0 ? FilesRead(invocation, outcome.Output) : null;
        var missing = read is null ? MissingFileRead(invocation, outcome) : null;
        var compilers = read is null && missing is null && outcome is { StartFailure: null, DidTimeOut: false }
            ? CompilerProbe.Compilers(invocation.Command)
            : null;
        _inputs.Add(new ShellRanInput(invocation, HashOutcome(outcome), NotRechecked: read is not null || missing is not null
            || compilers is not null || outcome.Status == 0 && PureCommand.Is(invocation.Command)));
        foreach (var (path, hash) in read ?? []) _inputs.Add(new FileReadInput(path, hash));
        if (missing is not null) _inputs.Add(new PathQueriedInput(missing, PathQuery.Exists, Answer: false));
        if (compilers is null) return;
        foreach (var compiler in compilers)
            _inputs.Add(ProgramIdentityInput.Now(compiler, invocation.WorkingDirectory, environment.GetValueOrDefault("PATH")));
        foreach (var name in CompilerProbe.EnvironmentVariables) EnvironmentRead(name);
    }

    /// <summary>The file a failed <c>cat</c> of one file could not read because it is not there (not now either); else null.</summary>
    private static string? MissingFileRead(ShellInvocation invocation, ShellOutcome outcome)
    {
        if (outcome is not { Status: 1, Output.Length: 0, StartFailure: null, DidTimeOut: false }
            || FileReadingCommand.Files(invocation.Command) is not [var file])
            return null;
        var path = Text.ByteText.ToOs(file.StartsWith('/') ? file : invocation.WorkingDirectory + "/" + file);
        return FileSystemView.Answer(path, PathQuery.Exists) ? null : path;
    }

    /// <summary>
    /// The files a <c>cat</c> read, by the SHA-256 of their bytes; null when it is another command, or when the files
    /// cannot be read now or no longer hold what it printed (changed meanwhile, or no plain files).
    /// </summary>
    private static List<(string Path, byte[] Hash)>? FilesRead(ShellInvocation invocation, byte[] printed)
    {
        if (FileReadingCommand.Files(invocation.Command) is not { } files) return null;
        var read = new List<(string, byte[])>(files.Count);
        var offset = 0;
        foreach (var file in files)
        {
            var path = Text.ByteText.ToOs(file.StartsWith('/') ? file : invocation.WorkingDirectory + "/" + file);
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
            if (offset + bytes.Length > printed.Length || !printed.AsSpan(offset, bytes.Length).SequenceEqual(bytes)) return null;
            offset += bytes.Length;
            read.Add((path, SHA256.HashData(bytes)));
        }
        return offset == printed.Length ? read : null;
    }

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

    internal static byte[] HashNames(IReadOnlyList<string> names) => SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', names)));

    /// <summary>
    /// What a command gave the evaluation: its status and output. Not what it printed on stderr, which only passes
    /// through to the user and can differ from run to run for the same result (gcc -dM -E piped into grep -q
    /// sometimes reports the broken pipe).
    /// </summary>
    internal static byte[] HashOutcome(ShellOutcome outcome)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{outcome.Status}\0{outcome.DidTimeOut}\0{outcome.StartFailure}\0{outcome.Output.Length}\0"));
        hash.AppendData(outcome.Output);
        return hash.GetHashAndReset();
    }
}
