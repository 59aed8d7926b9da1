using System.Runtime.InteropServices;

namespace Kiln.Core.Files;

/// <summary>
/// stat and lstat as make calls them, on the path exactly as given (no normalisation of "x/." or
/// "x/.."): one system call each, where .NET's own checks would make several.
/// </summary>
public static partial class FileStatus
{
    private const int StatBufferSize = 256;
    private const uint FileTypeMask = 0xF000;
    private const uint DirectoryType = 0x4000;
    private const uint RegularType = 0x8000;
    private const uint LinkType = 0xA000;

    // st_dev and st_ino open struct stat on every 64-bit Linux ABI; st_mode follows st_nlink on x86-64 only. Size and the
    // times sit at the same places on x86-64 and on the generic ABI (arm64, riscv64).
    private static readonly int ModeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
    private const int SizeOffset = 48;
    private const int ModifiedOffset = 88;
    private const int ChangedOffset = 104;

    /// <summary>Paths up to this long are passed to the system from the stack: a scan asks about hundreds of thousands.</summary>
    private const int StackPathBytes = 1024;

    public static bool Exists(string osPath)
    {
        Span<byte> path = stackalloc byte[StackPathBytes];
        return OwnType(Path(osPath, path)) is not null;
    }

    /// <summary><see cref="Exists(string)"/> of a path given as its UTF-8 bytes (as caches keep paths).</summary>
    public static bool Exists(ReadOnlySpan<byte> utf8Path)
    {
        Span<byte> path = stackalloc byte[StackPathBytes];
        return OwnType(Path(utf8Path, path)) is not null;
    }

    /// <summary>Whether the path itself (not what a link leads to) is a regular file: not a directory, link, FIFO, socket or device.</summary>
    public static bool IsRegularFile(string osPath)
    {
        Span<byte> path = stackalloc byte[StackPathBytes];
        return OwnType(Path(osPath, path)) == RegularType;
    }

    public static bool IsSymbolicLink(string osPath)
    {
        Span<byte> path = stackalloc byte[StackPathBytes];
        return OwnType(Path(osPath, path)) == LinkType;
    }

    /// <summary>The type bits of the path itself (lstat: a link is not followed), or null if there is nothing there.</summary>
    private static uint? OwnType(ReadOnlySpan<byte> terminatedPath)
    {
        Span<byte> buffer = stackalloc byte[StatBufferSize];
        return lstat(terminatedPath, buffer) == 0 ? BitConverter.ToUInt32(buffer[ModeOffset..]) & FileTypeMask : null;
    }

    /// <summary>What the path leads to (links followed), or null if it leads nowhere.</summary>
    public static PathStatus? Stat(string osPath)
    {
        Span<byte> path = stackalloc byte[StackPathBytes];
        return StatTerminated(Path(osPath, path));
    }

    /// <summary><see cref="Stat(string)"/> of a path given as its UTF-8 bytes (as caches keep paths).</summary>
    public static PathStatus? Stat(ReadOnlySpan<byte> utf8Path)
    {
        Span<byte> path = stackalloc byte[StackPathBytes];
        return StatTerminated(Path(utf8Path, path));
    }

    private static PathStatus? StatTerminated(ReadOnlySpan<byte> path)
    {
        Span<byte> buffer = stackalloc byte[StatBufferSize];
        if (stat(path, buffer) != 0) return null;
        var mode = BitConverter.ToUInt32(buffer[ModeOffset..]);
        var stamp = new FileStamp(BitConverter.ToUInt64(buffer), BitConverter.ToUInt64(buffer[8..]), BitConverter.ToInt64(buffer[SizeOffset..]),
            Nanoseconds(buffer[ModifiedOffset..]), Nanoseconds(buffer[ChangedOffset..]));
        return new PathStatus(stamp, (mode & FileTypeMask) == DirectoryType);
    }

    /// <summary>A struct timespec (seconds, then nanoseconds) as nanoseconds since the epoch.</summary>
    private static long Nanoseconds(ReadOnlySpan<byte> timespec) => BitConverter.ToInt64(timespec) * 1_000_000_000 + BitConverter.ToInt64(timespec[8..]);

    /// <summary>The path as the system takes it, NUL-terminated: in <paramref name="room"/> when it fits, else on the heap.</summary>
    private static ReadOnlySpan<byte> Path(string osPath, Span<byte> room)
    {
        var length = System.Text.Encoding.UTF8.GetMaxByteCount(osPath.Length) < room.Length ? System.Text.Encoding.UTF8.GetBytes(osPath, room) : -1;
        if (length < 0) return System.Text.Encoding.UTF8.GetBytes(osPath + "\0");
        room[length] = 0;
        return room[..(length + 1)];
    }

    /// <summary>UTF-8 bytes NUL-terminated: in <paramref name="room"/> when they fit, else on the heap.</summary>
    private static ReadOnlySpan<byte> Path(ReadOnlySpan<byte> utf8Path, Span<byte> room)
    {
        if (utf8Path.Length >= room.Length) return (byte[])[.. utf8Path, 0];
        utf8Path.CopyTo(room);
        room[utf8Path.Length] = 0;
        return room[..(utf8Path.Length + 1)];
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int lstat(ReadOnlySpan<byte> path, Span<byte> buffer);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int stat(ReadOnlySpan<byte> path, Span<byte> buffer);
}

/// <summary>What a path leads to: its <see cref="FileStamp"/>, and whether it is a directory.</summary>
public readonly record struct PathStatus(FileStamp Stamp, bool IsDirectory)
{
    public ulong Device => Stamp.Device;

    public ulong Inode => Stamp.Inode;
}

/// <summary>
/// A file's identity (device and inode), size, and times of last change to its bytes (modified) and to its inode (changed,
/// which no program can set back): while all are the same, so are the bytes, as git and ninja take it.
/// </summary>
public readonly record struct FileStamp(ulong Device, ulong Inode, long Size, long ModifiedNanoseconds, long ChangedNanoseconds)
{
    /// <summary>
    /// How long before a read a file must have last changed for its stamp to vouch for the bytes read. A file's times
    /// come from a clock that only advances every few milliseconds (and a network file system's from another machine's):
    /// a change made just after the read could otherwise leave the stamp as it was.
    /// </summary>
    public static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);

    public void Write(BinaryWriter writer)
    {
        writer.Write(Device);
        writer.Write(Inode);
        writer.Write(Size);
        writer.Write(ModifiedNanoseconds);
        writer.Write(ChangedNanoseconds);
    }

    public static FileStamp Read(ref RecordReader reader) =>
        new(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64());

    /// <summary>Whether the file's bytes and inode last changed <see cref="Settled"/> or more before <paramref name="readSince"/>.</summary>
    public bool SettledBefore(DateTime readSince)
    {
        var limit = (readSince.ToUniversalTime() - Settled - DateTime.UnixEpoch).Ticks * 100;
        return ModifiedNanoseconds < limit && ChangedNanoseconds < limit;
    }
}
