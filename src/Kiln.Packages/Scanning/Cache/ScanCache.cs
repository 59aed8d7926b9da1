namespace Kiln.Packages.Scanning.Cache;

/// <summary>An earlier evaluation of one Makefile: what it saw, and what it gave.</summary>
public sealed record CachedScan(string Directory, IReadOnlyList<RecordedInput> Inputs, MakefileScan Scan);

/// <summary>
/// The results of a directory's earlier scans, with the inputs each evaluation saw, kept in one
/// file. The file is ignored unless it was written for the same key (same Kiln build, tree,
/// options and environment), and replaced whole, so a failed or concurrent run never leaves it half-written.
/// </summary>
public sealed class ScanCache
{
    private readonly string _file;
    private readonly string _key;
    private readonly Dictionary<string, CachedScan> _entries;

    private ScanCache(string file, string key, Dictionary<string, CachedScan> entries)
    {
        _file = file;
        _key = key;
        _entries = entries;
    }

    public string FilePath => _file;

    public static ScanCache Open(string file, string key)
    {
        var entries = new Dictionary<string, CachedScan>(StringComparer.Ordinal);
        foreach (var entry in ScanCacheFile.Read(file, key)) entries[entry.Directory] = entry;
        return new ScanCache(file, key, entries);
    }

    public CachedScan? Find(string directory) => _entries.GetValueOrDefault(directory);

    /// <summary>Replaces the file with <paramref name="entries"/>; a failure is returned as a message, not thrown.</summary>
    public string? Save(IEnumerable<CachedScan> entries)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
        var temporary = $"{_file}.{Environment.ProcessId}.tmp";
        try
        {
            using (var stream = File.Create(temporary)) ScanCacheFile.Write(stream, _key, entries);
            File.Move(temporary, _file, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            return e.Message;
        }
    }
}
