using System.Runtime.InteropServices;

namespace Kiln.Images.Rootfs;

/// <summary>
/// Dates everything in the root, links themselves included, to SOURCE_DATE_EPOCH (access and
/// modification time), as rootfs.mk's <c>touch -hcd @EPOCH</c> does, so that the same packages
/// give the same image. utimensat with AT_SYMLINK_NOFOLLOW dates a link, not what it leads to.
/// </summary>
internal static partial class EpochTimes
{
    private const int CurrentDirectory = -100;
    private const int SymlinkNoFollow = 0x100;

    /// <summary>The root itself and everything under it, without following links.</summary>
    public static void Apply(string root, long epoch)
    {
        long[] times = [epoch, 0, epoch, 0];
        Set(root, times);
        Walk(root, times);
    }

    private static void Walk(string directory, long[] times)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(directory))
        {
            Set(path, times);
            if (Directory.Exists(path) && new FileInfo(path).LinkTarget is null) Walk(path, times);
        }
    }

    private static void Set(string path, long[] times)
    {
        if (utimensat(CurrentDirectory, path, times, SymlinkNoFollow) != 0)
            throw new IOException($"{path}: cannot set its time ({Marshal.GetLastPInvokeErrorMessage()})");
    }

    /// <param name="times">Two struct timespec (seconds, nanoseconds): access time, then modification time.</param>
    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int utimensat(int directory, string path, long[] times, int flags);
}
