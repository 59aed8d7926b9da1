using Kiln.Core.Files;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>
/// The file system as one evaluation sees it: make's directory cache (each directory
/// listed once per evaluation, a missing one stays missing) and uncached existence tests, each
/// reported to the evaluation's inputs. Makefile lookups and $(file) ask through it too.
/// </summary>
public sealed class FileSystemView(IEvaluationInputs? inputs)
{
    private readonly Dictionary<string, string[]> _listings = new(StringComparer.Ordinal);

    /// <summary>The names in a directory (byte text), including "." and "..", or none if it cannot be read.</summary>
    public IReadOnlyList<string> List(string osDirectory)
    {
        var key = Path.GetFullPath(osDirectory);
        if (!_listings.TryGetValue(key, out var names))
        {
            names = ListNow(osDirectory);
            _listings[key] = names;
        }
        inputs?.DirectoryListed(osDirectory, names);
        return names;
    }

    /// <summary>Enters a listing another evaluation made into this one's cache (a shared prelude's).</summary>
    internal void Remember(string osDirectory, IReadOnlyList<string> names) => _listings[Path.GetFullPath(osDirectory)] = [.. names];

    /// <summary>A directory's names as they are now, uncached (the form <see cref="List"/> returns).</summary>
    public static string[] ListNow(string osDirectory)
    {
        // Makefiles often look into directories that do not exist: asking first costs less than the exception.
        if (!Directory.Exists(osDirectory)) return [];
        try
        {
            return Directory.EnumerateFileSystemEntries(osDirectory)
                .Select(p => ByteText.FromOs(Path.GetFileName(p)))
                .Append(".").Append("..")
                .ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public bool Exists(string osPath) => Ask(osPath, PathQuery.Exists);

    public bool IsDirectory(string osPath) => Ask(osPath, PathQuery.IsDirectory);

    public bool IsFile(string osPath) => Ask(osPath, PathQuery.IsFile);

    /// <summary>What the path leads to, with one system call; reported as the two queries it answers.</summary>
    internal PathStatus? Stat(string osPath)
    {
        var status = FileStatus.Stat(osPath);
        inputs?.PathQueried(osPath, PathQuery.IsDirectory, status is { IsDirectory: true });
        if (status is not { IsDirectory: true }) inputs?.PathQueried(osPath, PathQuery.IsFile, status is not null);
        return status;
    }

    /// <summary>The answer the file system gives now, uncached and unreported.</summary>
    public static bool Answer(string osPath, PathQuery query) => query switch
    {
        PathQuery.Exists => FileStatus.Exists(osPath),
        PathQuery.IsDirectory => FileStatus.Stat(osPath) is { IsDirectory: true },
        _ => FileStatus.Stat(osPath) is { IsDirectory: false },
    };

    private bool Ask(string osPath, PathQuery query)
    {
        var answer = Answer(osPath, query);
        inputs?.PathQueried(osPath, query, answer);
        return answer;
    }
}
