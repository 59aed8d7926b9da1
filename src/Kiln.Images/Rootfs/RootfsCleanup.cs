using Kiln.Core.Files;

namespace Kiln.Images.Rootfs;

/// <summary>
/// What OpenWrt's rootfs.mk removes from a root once the postinsts have run: version-control
/// leftovers anywhere (CVS, .svn, .git, .#*), /boot, the contents of /tmp, the postinst scripts
/// (NAME.postinst and NAME.postinst-pkg) from opkg's info directory, opkg's downloaded lists and
/// lock files in /var/lock. Globs match as the shell's do (no names starting with '.').
/// </summary>
internal static class RootfsCleanup
{
    public static void Run(StagingRoot root)
    {
        RemoveVersionControl(root.Directory);
        Remove(root.HostPath("boot", followLast: false));
        RemoveMatching(root, "tmp", _ => true);
        RemoveMatching(root, OpkgDatabase.InfoDirectory, name => name.Contains(".postinst", StringComparison.Ordinal));
        RemoveMatching(root, OpkgDatabase.ListsDirectory, _ => true);
        RemoveMatching(root, "var/lock", name => name.EndsWith(".lock", StringComparison.Ordinal));
    }

    /// <summary>Removes the entries of a directory in the root whose names the glob would match.</summary>
    private static void RemoveMatching(StagingRoot root, string directory, Func<string, bool> matches)
    {
        var host = root.HostPath(directory, followLast: true);
        if (!Directory.Exists(host)) return;
        var names = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(host)) names.Add(Path.GetFileName(path));
        foreach (var name in names)
            if (!name.StartsWith('.') && matches(name)) Remove(host + "/" + name);
    }

    private static void RemoveVersionControl(string directory)
    {
        var names = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(directory)) names.Add(Path.GetFileName(path));
        foreach (var name in names)
        {
            var path = directory + "/" + name;
            if (name is "CVS" or ".svn" or ".git" || name.StartsWith(".#", StringComparison.Ordinal)) Remove(path);
            else if (IsRealDirectory(path)) RemoveVersionControl(path);
        }
    }

    /// <summary>Removes a file, a link (not what it leads to) or a whole directory; nothing if there is nothing.</summary>
    private static void Remove(string path)
    {
        if (IsRealDirectory(path)) Directory.Delete(path, recursive: true);
        else if (FileStatus.Exists(path)) File.Delete(path);
    }

    private static bool IsRealDirectory(string path) => Directory.Exists(path) && new FileInfo(path).LinkTarget is null;
}
