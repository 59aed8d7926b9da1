namespace Kiln.Build.Cache;

/// <summary>
/// Puts cached outputs back in place: every blob the records name is first downloaded (and
/// verified) into a scratch directory, and only when all of them are there is anything written
/// under the root — so a miss halfway leaves the tree as it was.
/// </summary>
public static class OutputRestore
{
    /// <summary>Null once every record's outputs are under <paramref name="root"/>; else why not (nothing written).</summary>
    /// <param name="clear">Runs after the downloads and before the writing: takes away what the outputs replace.</param>
    /// <param name="missingBlob">The blob that could not be had, when that is why.</param>
    public static CacheMiss? Restore(IBuildCache cache, IReadOnlyList<ActionRecord> records, string root, string scratch, Action clear,
        out string? missingBlob)
    {
        missingBlob = null;
        if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        Directory.CreateDirectory(scratch);
        try
        {
            foreach (var blob in records.SelectMany(r => r.Blobs()).Distinct(StringComparer.Ordinal))
                if (!cache.TryGetBlob(blob, Path.Combine(scratch, blob), out var miss))
                {
                    missingBlob = blob;
                    return miss;
                }
            clear();
            foreach (var record in records) Write(record, root, scratch);
            return null;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static void Write(ActionRecord record, string root, string scratch)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the build cache records Unix file modes");
        // Outputs are sorted by path, so a directory comes before what it holds; its own mode is set
        // last, as a read-only directory could not be written into.
        var directories = new List<ActionOutput>();
        foreach (var output in record.Outputs)
        {
            var path = Path.Combine(root, output.Path);
            switch (output.Kind)
            {
                case OutputKind.Directory:
                    if (!Directory.Exists(path) || new FileInfo(path).LinkTarget is not null) Remove(path);
                    Directory.CreateDirectory(path);
                    directories.Add(output);
                    break;
                case OutputKind.Symlink:
                    Remove(path);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.CreateSymbolicLink(path, output.LinkTarget!);
                    break;
                default:
                    Remove(path);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.Copy(Path.Combine(scratch, output.Sha256!), path);
                    File.SetUnixFileMode(path, output.Mode);
                    break;
            }
        }
        for (var i = directories.Count - 1; i >= 0; i--) File.SetUnixFileMode(Path.Combine(root, directories[i].Path), directories[i].Mode);
    }

    private static void Remove(string path)
    {
        if (new FileInfo(path).LinkTarget is not null || File.Exists(path)) File.Delete(path);
        else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }
}
