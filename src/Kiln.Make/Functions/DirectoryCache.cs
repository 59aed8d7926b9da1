using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>make's directory cache: each directory is listed once per evaluation (a missing one stays missing).</summary>
public sealed class DirectoryCache
{
    private readonly Dictionary<string, string[]> _listings = new(StringComparer.Ordinal);

    /// <summary>The names in a directory (byte text), including "." and "..", or none if it cannot be read.</summary>
    public IReadOnlyList<string> List(string osDirectory)
    {
        var key = Path.GetFullPath(osDirectory);
        if (_listings.TryGetValue(key, out var names)) return names;
        try
        {
            names = Directory.EnumerateFileSystemEntries(osDirectory)
                .Select(p => ByteText.FromOs(Path.GetFileName(p)))
                .Append(".").Append("..")
                .ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            names = [];
        }
        _listings[key] = names;
        return names;
    }
}
