using System.Runtime.InteropServices;
using Kiln.Core.Errors;

namespace Kiln.Core.Files;

/// <summary>
/// One build (or clean) at a time in a tree: two would write the same build directories, stamps
/// and packages. An flock on TREE/tmp/.kiln-build.lock, let go when the process ends, however it ends.
/// </summary>
public sealed partial class TreeLock : IDisposable
{
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private readonly FileStream _file;

    private TreeLock(FileStream file) => _file = file;

    public static TreeLock Take(string topDirectory)
    {
        var path = Path.Combine(topDirectory, "tmp", ".kiln-build.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        if (Flock((int)file.SafeFileHandle.DangerousGetHandle(), LockExclusive | LockNonBlocking) != 0)
        {
            file.Dispose();
            throw new UserError($"another kiln build or clean is running in {topDirectory} (it holds {path})");
        }
        return new TreeLock(file);
    }

    public void Dispose() => _file.Dispose();

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int descriptor, int operation);
}
