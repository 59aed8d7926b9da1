namespace Kiln.Lint.Built;

/// <summary>A file, link or directory of a package's data, by its path in the root file system without the leading "./" or "/".</summary>
public sealed record BuiltFile(string Path, byte[]? Bytes, string? LinkTarget)
{
    public bool IsDirectory => Bytes is null && LinkTarget is null;

    /// <summary>The directory it is in ("" at the top).</summary>
    public string Directory => Path.LastIndexOf('/') is var slash and >= 0 ? Path[..slash] : "";

    public string Name => Path[(Path.LastIndexOf('/') + 1)..];
}
