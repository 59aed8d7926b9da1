using System.Runtime.InteropServices;

namespace Kiln.Make.Functions;

/// <summary>lstat as make calls it, on the path exactly as given (no normalisation of "x/." or "x/..").</summary>
internal static partial class FileStatus
{
    private const int StatBufferSize = 256;

    public static bool Exists(string osPath) => lstat(Path(osPath), new byte[StatBufferSize]) == 0;

    /// <summary>The device and inode the path leads to (links followed), or null if it leads nowhere.</summary>
    public static (ulong Device, ulong Inode)? Identity(string osPath)
    {
        // st_dev and st_ino open struct stat on every 64-bit Linux ABI.
        var buffer = new byte[StatBufferSize];
        if (stat(Path(osPath), buffer) != 0) return null;
        return (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));
    }

    private static byte[] Path(string osPath) => System.Text.Encoding.UTF8.GetBytes(osPath + "\0");

    [LibraryImport("libc", SetLastError = true)]
    private static partial int lstat(byte[] path, byte[] buffer);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int stat(byte[] path, byte[] buffer);
}
