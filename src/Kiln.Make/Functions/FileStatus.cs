using System.Runtime.InteropServices;

namespace Kiln.Make.Functions;

/// <summary>lstat as make calls it, on the path exactly as given (no normalisation of "x/." or "x/..").</summary>
internal static partial class FileStatus
{
    private const int StatBufferSize = 256;

    public static bool Exists(string osPath) => lstat(Path(osPath), new byte[StatBufferSize]) == 0;

    public static bool IsDirectory(string osPath) => Directory.Exists(osPath);

    private static byte[] Path(string osPath) => System.Text.Encoding.UTF8.GetBytes(osPath + "\0");

    [LibraryImport("libc", SetLastError = true)]
    private static partial int lstat(byte[] path, byte[] buffer);
}
