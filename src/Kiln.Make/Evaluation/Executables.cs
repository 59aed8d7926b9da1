using System.Runtime.InteropServices;
using Kiln.Make.Text;

namespace Kiln.Make.Evaluation;

/// <summary>
/// Finds the program make would exec for a command's first word, with execvp's rules and errors:
/// a name with a slash is used as it is, others are searched in PATH; a directory or a file
/// without execute permission is "Permission denied".
/// </summary>
public static partial class Executables
{
    private const int EACCES = 13;
    private const int ENOENT = 2;
    private const int XOk = 1;

    /// <summary>
    /// The program to start, or the errno explaining why there is none. A name with a slash comes
    /// back as an absolute path (relative to <paramref name="directory"/>); a name found in PATH
    /// comes back unchanged, so the program sees the name it was called by.
    /// </summary>
    public static (string? Program, int Error) Resolve(string name, string? searchPath, string directory)
    {
        var (path, error) = Find(name, searchPath, directory);
        return path is null || name.Contains('/') ? (path, error) : (name, 0);
    }

    /// <summary>The path of the file <see cref="Resolve"/> chooses (a name found in PATH joined to its directory), or null.</summary>
    public static string? PathOf(string name, string? searchPath, string directory) => Find(name, searchPath, directory).Path;

    private static (string? Path, int Error) Find(string name, string? searchPath, string directory)
    {
        if (name.Contains('/'))
        {
            var path = name[0] == '/' ? name : directory + "/" + name;
            var error = Check(path);
            return error == 0 ? (path, 0) : (null, error);
        }
        var sawDenied = false;
        foreach (var dir in (searchPath ?? "/usr/local/bin:/usr/bin:/bin").Split(':'))
        {
            var prefix = dir.Length == 0 ? directory : dir[0] == '/' ? dir : directory + "/" + dir;
            var error = Check(prefix + "/" + name);
            if (error == 0) return (prefix + "/" + name, 0);
            if (error == EACCES) sawDenied = true;
        }
        return (null, sawDenied ? EACCES : ENOENT);
    }

    /// <summary>The full path of the executable PATH finds for <paramref name="name"/> (an absolute name: itself, if it is one), or null.</summary>
    public static string? Locate(string name, string? searchPath)
    {
        if (name.StartsWith('/')) return Check(name) == 0 ? name : null;
        foreach (var dir in (searchPath ?? "/usr/local/bin:/usr/bin:/bin").Split(':'))
            if (dir.Length > 0 && dir[0] == '/' && Check(dir + "/" + name) == 0) return dir + "/" + name;
        return null;
    }

    public static string Describe(int error) => Marshal.GetPInvokeErrorMessage(error);

    private static int Check(string path)
    {
        var bytes = ByteText.GetBytes(path + "\0");
        if (access(bytes, XOk) != 0) return Marshal.GetLastPInvokeError();
        return Directory.Exists(ByteText.ToOs(path)) ? EACCES : 0;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int access(byte[] path, int mode);
}
