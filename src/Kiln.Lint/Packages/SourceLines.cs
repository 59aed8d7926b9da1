using System.Collections.Concurrent;

namespace Kiln.Lint.Packages;

/// <summary>The lines of the files a lint reads (Makefiles and what they include), each read once, by their path relative to the tree.</summary>
public sealed class SourceLines(string topDirectory)
{
    private readonly ConcurrentDictionary<string, string[]> _files = new(StringComparer.Ordinal);

    /// <summary>Line <paramref name="line"/> (from 1) of <paramref name="file"/>, or "" when there is no such line or file.</summary>
    public string Line(string file, int line)
    {
        var lines = Of(file);
        return line >= 1 && line <= lines.Length ? lines[line - 1] : "";
    }

    /// <summary>Every line of <paramref name="file"/> (none when it cannot be read).</summary>
    public string[] Of(string file) =>
        _files.GetOrAdd(file, path =>
        {
            try
            {
                return File.ReadAllLines(Path.Combine(topDirectory, path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return [];
            }
        });
}
