namespace Kiln.Build.Cache;

/// <summary>
/// One output of a cached step: its path relative to the output root it belongs under, its kind
/// and mode; a file's size and content hash (the blob holding it); a symbolic link's target.
/// </summary>
public sealed record ActionOutput(string Path, OutputKind Kind, UnixFileMode Mode, long Size = 0, string? Sha256 = null, string? LinkTarget = null)
{
    public static ActionOutput File(string path, UnixFileMode mode, long size, string sha256) => new(path, OutputKind.File, mode, size, sha256);

    public static ActionOutput Directory(string path, UnixFileMode mode) => new(path, OutputKind.Directory, mode);

    public static ActionOutput Symlink(string path, string target) => new(path, OutputKind.Symlink, (UnixFileMode)0x1ff, LinkTarget: target);

    /// <summary>Why this output cannot be part of a record, or null when it can.</summary>
    internal string? Problem()
    {
        if (Path.Length == 0 || Path[0] == '/' || Path.Contains('\0'))
            return $"output path '{Path}' is not a relative path";
        foreach (var part in Path.Split('/'))
            if (part is "" or "." or "..") return $"output path '{Path}' is not a plain relative path";
        if ((int)Mode is < 0 or > 0xfff) return $"output '{Path}' has mode {(int)Mode}, beyond 07777";
        if (Size < 0) return $"output '{Path}' has a negative size";
        if (!Enum.IsDefined(Kind)) return $"output '{Path}' has no known kind";
        return Kind switch
        {
            OutputKind.File when !CacheNames.IsValid(Sha256) => $"file '{Path}' has no valid sha256",
            OutputKind.File when LinkTarget is not null => $"file '{Path}' has a link target",
            OutputKind.Symlink when string.IsNullOrEmpty(LinkTarget) => $"symlink '{Path}' has no target",
            OutputKind.Symlink or OutputKind.Directory when Sha256 is not null || Size != 0 => $"{Kind.ToString().ToLowerInvariant()} '{Path}' has content",
            OutputKind.Directory when LinkTarget is not null => $"directory '{Path}' has a link target",
            _ => null,
        };
    }
}
