namespace Kiln.Build.Cache;

/// <summary>
/// The name a cache entry or a fetched blob is written under before it takes its own: beside it
/// (a rename within one file system is atomic), hidden, and unique per writer, because several
/// threads or builds may write the same entry at once.
/// </summary>
internal static class CacheTemporaryFile
{
    public const string Suffix = ".kiln-tmp";

    public static string Beside(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Path.GetRandomFileName()}{Suffix}");
}
