namespace Kiln.Service.Jobs;

/// <summary>
/// A job's own tree: the served tree's read-only parts linked (target/, include/, scripts/, package/, kiln.conf, the
/// host tools in staging_dir/host...), and its own tmp/, logs/, build_dir/, bin/ and the rest of staging_dir/, with copies
/// of the kernel inputs in KDIR and of the boot loader files in STAGING_DIR_IMAGE. Jobs write only here, so any number
/// run at once; the directory is removed when the job ends.
/// </summary>
public sealed class JobTree : IDisposable
{
    /// <summary>What a job writes: never linked to the served tree.</summary>
    private static readonly HashSet<string> OwnEntries = new(StringComparer.Ordinal) { "tmp", "logs", "build_dir", "staging_dir", "bin", ".config" };

    private JobTree(string directory) => Directory = directory;

    public string Directory { get; }

    /// <param name="kernelDirectory">KDIR relative to the tree.</param>
    public static JobTree Create(string servedTop, string directory, string kernelDirectory)
    {
        var tree = new JobTree(directory);
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(servedTop))
            {
                var name = Path.GetFileName(entry);
                if (!OwnEntries.Contains(name)) File.CreateSymbolicLink(Path.Combine(directory, name), entry);
            }
            var staging = Path.Combine(servedTop, "staging_dir");
            System.IO.Directory.CreateDirectory(Path.Combine(directory, "staging_dir"));
            if (System.IO.Directory.Exists(Path.Combine(staging, "host")))
                File.CreateSymbolicLink(Path.Combine(directory, "staging_dir", "host"), Path.Combine(staging, "host"));
            if (System.IO.Directory.Exists(staging))
                foreach (var image in System.IO.Directory.EnumerateDirectories(staging, "target-*").Select(t => Path.Combine(t, "image")).Where(System.IO.Directory.Exists))
                    CopyFiles(image, Path.Combine(directory, Path.GetRelativePath(servedTop, image)), _ => true);
            // The kernel files and what Image/Prepare made of them (its stamp says whether they still fit), not the last job's root images.
            CopyFiles(Path.Combine(servedTop, kernelDirectory), Path.Combine(directory, kernelDirectory),
                name => !name.StartsWith("root.", StringComparison.Ordinal));
            return tree;
        }
        catch
        {
            tree.Dispose();
            throw;
        }
    }

    /// <summary>The files of a directory and below (links as links), those whose top-level names pass.</summary>
    private static void CopyFiles(string from, string to, Func<string, bool> take)
    {
        if (!System.IO.Directory.Exists(from)) return;
        System.IO.Directory.CreateDirectory(to);
        foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(from))
        {
            var name = Path.GetFileName(entry);
            if (!take(name)) continue;
            var destination = Path.Combine(to, name);
            var info = new FileInfo(entry);
            if (info.LinkTarget is { } target) File.CreateSymbolicLink(destination, target);
            else if (System.IO.Directory.Exists(entry)) CopyFiles(entry, destination, _ => true);
            else File.Copy(entry, destination);
        }
    }

    /// <summary>Removes the whole work tree (links only as links: nothing of the served tree is touched).</summary>
    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
