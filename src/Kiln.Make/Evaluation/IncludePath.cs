using Kiln.Make.Text;

namespace Kiln.Make.Evaluation;

/// <summary>make's include search path: the -I directories that exist, then its built-in ones.</summary>
internal static class IncludePath
{
    private static readonly string[] DefaultDirectories = ["/usr/local/include", "/usr/include", "/usr/include"];

    /// <summary>The built-in directories that exist, looked up once per process.</summary>
    private static readonly Lazy<string[]> ExistingDefaults = new(() => DefaultDirectories.Where(Directory.Exists).ToArray());

    public static IReadOnlyList<string> Build(IReadOnlyList<string> requested, bool withDefaults, string workingDirectory)
    {
        var result = new List<string>();
        foreach (var requestedDir in requested)
        {
            // make drops trailing slashes from -I directories.
            var dir = requestedDir.Length > 1 ? requestedDir.TrimEnd('/') : requestedDir;
            if (dir.Length == 0) dir = "/";
            var os = ByteText.ToOs(dir.StartsWith('/') ? dir : workingDirectory + "/" + dir);
            if (Directory.Exists(os)) result.Add(dir);
        }
        if (withDefaults) result.AddRange(ExistingDefaults.Value);
        return result;
    }
}
