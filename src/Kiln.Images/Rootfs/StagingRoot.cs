using Kiln.Core.Errors;
using Kiln.Core.Files;

namespace Kiln.Images.Rootfs;

/// <summary>
/// The directory a root filesystem is assembled in, and paths inside it resolved as the device
/// will resolve them: a symbolic link on the way is followed inside the root (an absolute target
/// starts again at the root, ".." stops there), so that no link a package ships (base-files'
/// /var -> tmp, /var/run -> /tmp/run) can lead a write onto the build host. Files and
/// directories are created with exactly the mode asked for, whatever the umask.
/// </summary>
internal sealed class StagingRoot
{
    /// <summary>Linux's limit on links followed in one lookup (ELOOP).</summary>
    private const int MaxLinks = 40;

    public const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;

    public StagingRoot(string directory) => Directory = Path.GetFullPath(directory).TrimEnd('/');

    public string Directory { get; }

    /// <summary>
    /// The host path of a path inside the root ("usr/bin/foo" or "/usr/bin/foo"), links on the way
    /// followed inside the root; the last part too when <paramref name="followLast"/>.
    /// </summary>
    public string HostPath(string inside, bool followLast)
    {
        var resolved = new List<string>();
        var pending = new Stack<string>();
        Push(pending, inside);
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            var host = Join(resolved, part);
            if ((followLast || !OnlyEmptyLeft(pending)) && new FileInfo(host).LinkTarget is { } target)
            {
                if (++links > MaxLinks) throw new UserError($"{Directory}: /{inside.TrimStart('/')} goes through too many symbolic links");
                if (target.StartsWith('/')) resolved.Clear();
                Push(pending, target);
                continue;
            }
            resolved.Add(part);
        }
        return Join(resolved, null);
    }

    /// <summary>The path inside the root ("/usr/bin/foo") of a host path under it.</summary>
    public string InsidePath(string hostPath) => hostPath.Length <= Directory.Length ? "/" : hostPath[Directory.Length..];

    /// <summary>Makes a directory and any missing parents (inside the root, already resolved), each with mode 755.</summary>
    public void CreateDirectories(string hostPath)
    {
        if (System.IO.Directory.Exists(hostPath)) return;
        if (FileStatus.Exists(hostPath))
            throw new UserError($"{Directory}: {InsidePath(hostPath)} is in the way of a directory (it is a file or a link)");
        var parent = Path.GetDirectoryName(hostPath)!;
        if (parent.Length >= Directory.Length) CreateDirectories(parent);
        System.IO.Directory.CreateDirectory(hostPath);
        SetMode(hostPath, DirectoryMode);
    }

    /// <summary>Writes a new file (replacing one that is there) with exactly this mode, its directory made if missing.</summary>
    public void WriteFile(string hostPath, ReadOnlySpan<byte> bytes, UnixFileMode mode)
    {
        CreateDirectories(Path.GetDirectoryName(hostPath)!);
        if (FileStatus.Exists(hostPath)) File.Delete(hostPath);
        using (var stream = new FileStream(hostPath, FileMode.CreateNew, FileAccess.Write)) stream.Write(bytes);
        SetMode(hostPath, mode);
    }

    /// <summary>
    /// chmod: the mode exactly, whatever the umask did at creation. A root filesystem is a Linux
    /// thing; on Windows (which has no modes) there is nothing to set.
    /// </summary>
    public static void SetMode(string hostPath, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(hostPath, mode);
    }

    public static UnixFileMode GetMode(string hostPath) => OperatingSystem.IsWindows() ? (UnixFileMode)0b110_100_100 : File.GetUnixFileMode(hostPath);

    private static void Push(Stack<string> pending, string path)
    {
        var parts = path.Split('/');
        for (var i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
    }

    /// <summary>Whether only "" and "." parts remain, so the part just taken is the last one ("a/.." still needs a resolved).</summary>
    private static bool OnlyEmptyLeft(Stack<string> pending)
    {
        foreach (var part in pending)
            if (part is not ("" or ".")) return false;
        return true;
    }

    private string Join(List<string> resolved, string? last)
    {
        if (resolved.Count == 0 && last is null) return Directory;
        var path = Directory + "/" + string.Join('/', resolved);
        return last is null ? path : resolved.Count == 0 ? Directory + "/" + last : path + "/" + last;
    }
}
