using System.Collections.Concurrent;
using System.Text;
using Kiln.Core.Files;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;

namespace Kiln.Make.Inputs;

/// <summary>
/// Tells whether recorded inputs still hold: every file has the same bytes (or the stamp that vouched for them), every probe the same
/// answer, every listing the same names, every path the same resolution, every environment
/// variable read the same value, every command the same output and every compiler probed the same file. Inputs are
/// checked in the order they were recorded (a command may create what a later probe finds). Within one run the file system is taken to stand still, as make takes it: a file's bytes are
/// hashed, a path probed, a directory listed and a path resolved once, however many Makefiles saw them (most see the
/// same API files and directories), a command run once in each directory and a compiler found once in each.
/// </summary>
public sealed class InputCheck(IReadOnlyDictionary<string, string> environment, TimeSpan shellTimeout)
{
    private readonly ConcurrentDictionary<string, byte[]?> _fileHashes = new(StringComparer.Ordinal);
    // Paths by their UTF-8 bytes, as the system takes them and the caches keep them: those of encoded inputs are checked without decoding.
    private readonly ConcurrentDictionary<ReadOnlyMemory<byte>, PathStatus?> _statuses = new(BytesComparer.Instance);
    private readonly ConcurrentDictionary<ReadOnlyMemory<byte>, bool> _existing = new(BytesComparer.Instance);
    private readonly ConcurrentDictionary<string, byte[]> _listings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, string WorkingDirectory), string?> _resolutions = new();
    private readonly ConcurrentDictionary<ShellInvocation, Lazy<byte[]>> _outcomes = new();
    private readonly ConcurrentDictionary<(string Program, string WorkingDirectory), ProgramIdentityInput> _programs = new();
    private readonly ConcurrentDictionary<ReadOnlyMemory<byte>, bool> _encodedVerdicts = new(BytesComparer.Instance);

    /// <param name="inputs">Null (inputs that could not be read back) never hold.</param>
    public bool StillHold(IReadOnlyList<RecordedInput>? inputs) => inputs is not null && FirstChanged(inputs) is null;

    /// <summary>The first of <paramref name="inputs"/> that no longer holds; null when they all do.</summary>
    public RecordedInput? FirstChanged(IReadOnlyList<RecordedInput> inputs)
    {
        foreach (var input in inputs)
            if (!Holds(input)) return input;
        return null;
    }

    /// <summary>
    /// The first of the inputs <see cref="RecordedInputCodec.Encode"/> encoded that no longer holds, decoded; null when
    /// they all hold. Most inputs of a scan are the same bytes in many results (the same API files, probes and
    /// directories): each distinct one is decoded and checked once.
    /// </summary>
    /// <exception cref="InvalidDataException">The encoding is damaged.</exception>
    public RecordedInput? FirstChanged(ReadOnlyMemory<byte> encoded)
    {
        foreach (var input in RecordedInputCodec.Split(encoded))
            if (!_encodedVerdicts.GetOrAdd(input, static (bytes, check) => check.HoldsEncoded(bytes), this))
                return RecordedInputCodec.DecodeOne(input.Span);
        return null;
    }

    /// <summary>Whether an encoded input holds; the path queries and stamped file reads most inputs are, without decoding them.</summary>
    private bool HoldsEncoded(ReadOnlyMemory<byte> input) =>
        RecordedInputCodec.TryReadPathQuery(input, out var path, out var query, out var answer) ? Answer(path, query) == answer
        : RecordedInputCodec.TryReadFileStamp(input, out path, out var stamp) && StampHolds(path, stamp) || Holds(RecordedInputCodec.DecodeOne(input.Span));

    private bool Holds(RecordedInput input) => input switch
    {
        // An unchanged stamp vouches for the bytes: most files are only stat'ed, as the path queries about them are.
        FileReadInput file => file.Stamp is { } stamp && StampHolds(Encoding.UTF8.GetBytes(file.Path), stamp)
            || _fileHashes.GetOrAdd(file.Path, FileHash.DigestIfReadable) is { } hash && hash.AsSpan().SequenceEqual(file.ContentHash),
        PathQueriedInput query => Answer(Encoding.UTF8.GetBytes(query.Path), query.Query) == query.Answer,
        DirectoryListedInput listing => _listings.GetOrAdd(listing.Directory, directory => InputLog.HashNames(FileSystemView.ListNow(directory)))
            .AsSpan().SequenceEqual(listing.NamesHash),
        DirectoryEntriesInput entries => DirectoryEntriesInput.HashNow(entries.Directory) is { } hash && hash.AsSpan().SequenceEqual(entries.EntriesHash),
        PathResolvedInput path => _resolutions.GetOrAdd((path.Path, path.WorkingDirectory), key => PathFunctions.RealPath(key.Path, key.WorkingDirectory))
            == path.Resolved,
        ShellRanInput { NotRechecked: true } => true,
        // A recursively expanded variable runs its command each time it is expanded: one run answers for all.
        ShellRanInput shell => _outcomes.GetOrAdd(shell.Invocation, invocation => new(() => InputLog.HashOutcome(invocation.Run(environment, shellTimeout))))
            .Value.AsSpan().SequenceEqual(shell.OutcomeHash),
        // Many Makefiles probe the same compiler: it is found once.
        ProgramIdentityInput program => _programs.GetOrAdd((program.Program, program.WorkingDirectory),
            key => ProgramIdentityInput.Now(key.Program, key.WorkingDirectory, environment.GetValueOrDefault("PATH"))) == program,
        FileTimeInput time => FileTimeInput.Now(time.Path) == time.Seconds,
        EnvironmentReadInput variable => environment.GetValueOrDefault(variable.Name) == variable.Value,
        _ => throw new InvalidOperationException($"unknown input {input.GetType().Name}"),
    };

    /// <summary>
    /// <see cref="FileSystemView.Answer"/>, with one stat of a path for the two queries that follow links, and without
    /// asking the file system about what lies below a directory that is not there: nothing can (every package probes its
    /// build directory's .quilt_used, in a tree never built).
    /// </summary>
    private bool Answer(ReadOnlyMemory<byte> path, PathQuery query) => query switch
    {
        // Factories take the check as an argument: a lambda capturing it would be a new object for each of many inputs.
        PathQuery.Exists => _existing.GetOrAdd(path, static (p, check) => check.ParentIsDirectory(p) && FileStatus.Exists(p.Span), this),
        PathQuery.IsDirectory => Status(path) is { IsDirectory: true },
        _ => Status(path) is { IsDirectory: false },
    };

    private bool StampHolds(ReadOnlyMemory<byte> path, FileStamp stamp) => Status(path) is { IsDirectory: false } status && status.Stamp == stamp;

    private PathStatus? Status(ReadOnlyMemory<byte> path) =>
        _statuses.GetOrAdd(path, static (p, check) => check.ParentIsDirectory(p) ? FileStatus.Stat(p.Span) : null, this);

    private bool ParentIsDirectory(ReadOnlyMemory<byte> path) => Parent(path) is not { } parent || Status(parent) is { IsDirectory: true };

    /// <summary>The path up to its last name (which the kernel must reach as a directory to find that name), or null at the root.</summary>
    private static ReadOnlyMemory<byte>? Parent(ReadOnlyMemory<byte> path)
    {
        var bytes = path.Span;
        var end = bytes.Length;
        while (end > 1 && bytes[end - 1] == '/') end--;
        var slash = bytes[..end].LastIndexOf((byte)'/');
        // Not a conditional expression: its null would become an empty path, through the conversion from a null array.
        if (slash <= 0) return null;
        return path[..slash];
    }

    /// <summary>Encoded inputs and paths compared by their bytes.</summary>
    private sealed class BytesComparer : IEqualityComparer<ReadOnlyMemory<byte>>
    {
        public static readonly BytesComparer Instance = new();

        public bool Equals(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceEqual(y.Span);

        public int GetHashCode(ReadOnlyMemory<byte> bytes)
        {
            var hash = new HashCode();
            hash.AddBytes(bytes.Span);
            return hash.ToHashCode();
        }
    }
}
