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

    // st_dev and st_ino open struct stat on every 64-bit Linux ABI; st_mode follows st_nlink on x86-64 only.
    private static readonly int ModeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;

    public static bool Exists(string osPath) => lstat(Path(osPath), new byte[StatBufferSize]) == 0;

    /// <summary>Whether the path itself (not what a link leads to) is a regular file: not a directory, link, FIFO, socket or device.</summary>
    public static bool IsRegularFile(string osPath)
    {
        var buffer = new byte[StatBufferSize];
        return lstat(Path(osPath), buffer) == 0 && (BitConverter.ToUInt32(buffer, ModeOffset) & FileTypeMask) == RegularType;
    }

    /// <summary>What the path leads to (links followed), or null if it leads nowhere.</summary>
    public static PathStatus? Stat(string osPath)
    {
        var buffer = new byte[StatBufferSize];
        if (stat(Path(osPath), buffer) != 0) return null;
        var mode = BitConverter.ToUInt32(buffer, ModeOffset);
        return new PathStatus(BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8), (mode & FileTypeMask) == DirectoryType);
    }

    private static byte[] Path(string osPath) => System.Text.Encoding.UTF8.GetBytes(osPath + "\0");

    [LibraryImport("libc", SetLastError = true)]
    private static partial int lstat(byte[] path, byte[] buffer);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int stat(byte[] path, byte[] buffer);
}

/// <summary>A file's identity (device and inode) and whether it is a directory.</summary>
public readonly record struct PathStatus(ulong Device, ulong Inode, bool IsDirectory);
