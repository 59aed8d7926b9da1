using System.Text;
using Kiln.Core.Files;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;
using Kiln.Make.Text;

namespace Kiln.Make.Inputs;

/// <summary>One thing an evaluation learned from outside itself, and what it learned.</summary>
public abstract record RecordedInput
{
    internal abstract InputKind Kind { get; }

    /// <summary>What was read, in words, for a user told why a kept result was not used.</summary>
    public abstract string Describe();
}

internal enum InputKind : byte
{
    FileRead = 1,
    PathQueried = 2,
    DirectoryListed = 3,
    PathResolved = 4,
    ShellRan = 5,
    EnvironmentRead = 6,
    FileTime = 7,
    ShellRanNotRechecked = 8,
    ProgramIdentity = 9,
    StampedFileRead = 10,
    DirectoryEntries = 11,
}

/// <summary>
/// A file read whole (a makefile, or <c>$(file &lt;)</c>), by the SHA-256 of its bytes; with the file's stamp when it
/// vouches for those bytes (<see cref="InputLog.Inputs"/>).
/// </summary>
public sealed record FileReadInput(string Path, byte[] ContentHash, FileStamp? Stamp = null) : RecordedInput
{
    internal override InputKind Kind => Stamp is null ? InputKind.FileRead : InputKind.StampedFileRead;

    public override string Describe() => $"the bytes of {Path}";
}

public sealed record PathQueriedInput(string Path, PathQuery Query, bool Answer) : RecordedInput
{
    internal override InputKind Kind => InputKind.PathQueried;

    public override string Describe() => Query switch
    {
        PathQuery.Exists => $"whether {Path} exists",
        PathQuery.IsDirectory => $"whether {Path} is a directory",
        _ => $"whether {Path} is a file",
    };
}

/// <summary>A directory listing, by the digest of its names (<see cref="CacheDigest"/>).</summary>
public sealed record DirectoryListedInput(string Directory, byte[] NamesHash) : RecordedInput
{
    internal override InputKind Kind => InputKind.DirectoryListed;

    public override string Describe() => $"the names in {Directory}";
}

/// <summary>
/// A directory's entries in the order it lists them, with the type it records for each, by the digest of both
/// (<see cref="HashNow"/>): what a find of the directory alone answers from (<see cref="ListingCommand"/>).
/// </summary>
public sealed record DirectoryEntriesInput(string Directory, byte[] EntriesHash) : RecordedInput
{
    internal override InputKind Kind => InputKind.DirectoryEntries;

    public override string Describe() => $"the entries of {Directory}";

    /// <summary>
    /// The hash of the directory's entries now, one for a directory that is not there; null when it is a symbolic link
    /// (find lists the link, not what it leads to), or when an entry's type is not recorded in the directory (a file
    /// system without d_type), which a hash of names alone would miss.
    /// </summary>
    public static byte[]? HashNow(string osDirectory)
    {
        if (FileStatus.IsSymbolicLink(osDirectory)) return null;
        if (DirectoryEntries.Read(osDirectory, static (_, _) => true) is not { } entries) return CacheDigest.Of([]);
        if (entries.Exists(e => e.Type == DirectoryEntryType.Unknown)) return null;
        // Marked as a directory's: an empty one is not a missing one (find exits 0 on one, 1 on the other).
        return CacheDigest.Of(Encoding.UTF8.GetBytes("/" + string.Concat(entries.Select(e => $"{e.Name}\0{(byte)e.Type}\0"))));
    }
}

public sealed record PathResolvedInput(string Path, string WorkingDirectory, string? Resolved) : RecordedInput
{
    internal override InputKind Kind => InputKind.PathResolved;

    public override string Describe() => $"what {Path} resolves to";
}

/// <summary>
/// A command run by $(shell), by the digest of its status and output (<see cref="CacheDigest"/>).
/// <see cref="NotRechecked"/>: it is not run again to check a result, either because its output is a function of its
/// text alone (<see cref="PureCommand"/>: echo 1.2.3 | cut -d. -f1,2), or because it answers differently each time
/// (mktemp -u, date +%T) without changing the result: its output was seen to differ while the evaluation gave the same
/// result.
/// </summary>
public sealed record ShellRanInput(ShellInvocation Invocation, byte[] OutcomeHash, bool NotRechecked = false) : RecordedInput
{
    internal override InputKind Kind => NotRechecked ? InputKind.ShellRanNotRechecked : InputKind.ShellRan;

    public override string Describe() => $"the output of `{Invocation.Command}` in {Invocation.WorkingDirectory}";
}

/// <summary>An environment variable the makefiles looked up, with its value then (null if it was not set).</summary>
public sealed record EnvironmentReadInput(string Name, string? Value) : RecordedInput
{
    internal override InputKind Kind => InputKind.EnvironmentRead;

    public override string Describe() => $"the environment variable {Name}";
}

/// <summary>A file's modification time in whole seconds (null: the file was missing).</summary>
public sealed record FileTimeInput(string Path, long? Seconds) : RecordedInput
{
    internal override InputKind Kind => InputKind.FileTime;

    public override string Describe() => $"the modification time of {Path}";

    /// <summary>The time as <see cref="Seconds"/> records it, now.</summary>
    public static long? Now(string path) => File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path)).ToUnixTimeSeconds() : null;
}

/// <summary>
/// A program a command ran, by what the shell finds for it (<see cref="Resolved"/>: the file, symbolic links followed;
/// null if there is none) and that file's size and modification time in ticks: a compiler probe
/// (<see cref="CompilerProbe"/>), or a digest by a program named by path (<see cref="PureCommand.Programs"/>), is
/// taken to answer the same while its program is the same file, or still missing.
/// </summary>
public sealed record ProgramIdentityInput(string Program, string WorkingDirectory, string? Resolved, long Size, long ModifiedTicks)
    : RecordedInput
{
    internal override InputKind Kind => InputKind.ProgramIdentity;

    public override string Describe() => $"the program {Program} ({Resolved ?? "not found"})";

    /// <summary>The program as a shell started in <paramref name="workingDirectory"/> with <paramref name="searchPath"/> as PATH finds it now.</summary>
    public static ProgramIdentityInput Now(string program, string workingDirectory, string? searchPath)
    {
        // Size and modification time, as ccache's default compiler_check = mtime identifies a compiler.
        var resolved = Executables.PathOf(program, searchPath, workingDirectory) is { } found ? PathFunctions.RealPath(found, workingDirectory) : null;
        if (resolved is not null)
        {
            try
            {
                var file = new FileInfo(ByteText.ToOs(resolved));
                return new ProgramIdentityInput(program, workingDirectory, resolved, file.Length, file.LastWriteTimeUtc.Ticks);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return new ProgramIdentityInput(program, workingDirectory, null, 0, 0);
    }
}
