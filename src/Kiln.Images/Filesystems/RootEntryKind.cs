namespace Kiln.Images.Filesystems;

/// <summary>What an entry of a staged root is: the only kinds packages install.</summary>
public enum RootEntryKind
{
    Directory,
    File,
    Symlink,
}
