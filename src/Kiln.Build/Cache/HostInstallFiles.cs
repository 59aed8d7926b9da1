using Kiln.Core.Files;

namespace Kiln.Build.Cache;

/// <summary>
/// What a host build's install put into staging_dir/host, which install recipes write straight
/// into: the files and links that are new or changed after the install (it runs alone, see
/// <see cref="BuildCacheSession.HostInstalls"/>), joined with those listed by the build's earlier
/// installs that are still there — an install that finds a file up to date leaves it untouched,
/// yet it is the build's output all the same. Stamps are no output.
/// </summary>
public sealed class HostInstallFiles
{
    private const string StampDirectory = "stamp";

    private readonly string _hostDirectory;
    private readonly Dictionary<string, (long Size, long Modified, string? Target)> _before;

    private HostInstallFiles(string hostDirectory)
    {
        _hostDirectory = hostDirectory;
        _before = Walk(hostDirectory);
    }

    /// <summary>Notes what staging_dir/host holds before an install.</summary>
    public static HostInstallFiles Before(string hostDirectory) => new(hostDirectory);

    /// <summary>The install's files and links (absolute paths, sorted), also written to <paramref name="listPath"/> for the next install.</summary>
    public IReadOnlyList<string> After(string listPath)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, state) in Walk(_hostDirectory))
            if (!_before.TryGetValue(path, out var earlier) || earlier != state) files.Add(path);
        foreach (var path in Listed(_hostDirectory, listPath))
            if (new FileInfo(path).LinkTarget is not null || File.Exists(path)) files.Add(path);
        AtomicFile.Write(listPath, string.Concat(files.Select(f => Path.GetRelativePath(_hostDirectory, f) + "\n")));
        return files.ToList();
    }

    /// <summary>The files a list names, as absolute paths (lines that leave the directory are ignored).</summary>
    public static IEnumerable<string> Listed(string hostDirectory, string listPath)
    {
        if (!File.Exists(listPath)) yield break;
        foreach (var line in File.ReadLines(listPath))
            if (line.Length > 0 && !line.StartsWith('/') && !line.Split('/').Contains("..")) yield return Path.Combine(hostDirectory, line);
    }

    private static Dictionary<string, (long, long, string?)> Walk(string hostDirectory)
    {
        var state = new Dictionary<string, (long, long, string?)>(StringComparer.Ordinal);
        if (!Directory.Exists(hostDirectory)) return state;
        var stamps = Path.Combine(hostDirectory, StampDirectory) + "/";
        foreach (var entry in DirectoryWalk.Entries(hostDirectory))
        {
            if (entry.StartsWith(stamps, StringComparison.Ordinal)) continue;
            var info = new FileInfo(entry);
            if (info.LinkTarget is { } target) state[entry] = (0, 0, target);
            else if (info.Exists) state[entry] = (info.Length, info.LastWriteTimeUtc.Ticks, null);
        }
        return state;
    }
}
