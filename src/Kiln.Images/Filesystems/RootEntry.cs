namespace Kiln.Images.Filesystems;

/// <summary>
/// An entry of a staged root: <paramref name="RelativePath"/> is "" for the root itself, else
/// "etc/banner" (no leading "./" or "/"); a symlink's mode is 0777, as the kernel reports it.
/// </summary>
public sealed record RootEntry(string RelativePath, RootEntryKind Kind, UnixFileMode Mode, string FullPath, long Size, string? LinkTarget);
