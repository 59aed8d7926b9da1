using Kiln.Core.Files;

namespace Kiln.Build.Staging;

/// <summary>
/// Puts what a package's Build/InstallDev staged (headers, libraries, pkg-config files) into the
/// staging directory its dependents compile against, and keeps the list of those files, so that
/// the next install of the package first takes its old files away (OpenWrt's clean-package).
/// </summary>
public static class StagingInstaller
{
    public static void Install(string stageDirectory, string stagingDirectory, string listPath)
    {
        RemoveListed(stagingDirectory, listPath);
        var names = new List<string> { "./" };
        if (Directory.Exists(stageDirectory))
        {
            foreach (var entry in DirectoryWalk.Entries(stageDirectory))
            {
                var relative = Path.GetRelativePath(stageDirectory, entry);
                var destination = Path.Combine(stagingDirectory, relative);
                var info = new FileInfo(entry);
                names.Add("./" + relative);
                if (info.LinkTarget is { } target)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    if (Path.Exists(destination) || new FileInfo(destination).LinkTarget is not null) File.Delete(destination);
                    File.CreateSymbolicLink(destination, target);
                }
                else if (Directory.Exists(entry)) Directory.CreateDirectory(destination);
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    File.Copy(entry, destination, overwrite: true);
                }
            }
        }
        AtomicFile.Write(listPath, string.Join("\n", names) + "\n");
        if (Directory.Exists(stageDirectory)) Directory.Delete(stageDirectory, recursive: true);
    }

    /// <summary>Removes the files a package staged (as its list names them) and the list.</summary>
    public static void Remove(string stagingDirectory, string listPath)
    {
        RemoveListed(stagingDirectory, listPath);
        if (File.Exists(listPath)) File.Delete(listPath);
    }

    private static void RemoveListed(string stagingDirectory, string listPath)
    {
        if (!File.Exists(listPath)) return;
        foreach (var line in File.ReadAllLines(listPath))
        {
            if (!line.StartsWith("./", StringComparison.Ordinal) || line.Length <= 2 || line.Contains("..", StringComparison.Ordinal)) continue;
            var path = Path.Combine(stagingDirectory, line[2..]);
            if (new FileInfo(path).LinkTarget is not null || File.Exists(path)) File.Delete(path);
        }
    }
}
