namespace Kiln.Build.Cache;

/// <summary>What one output of a cached step is.</summary>
public enum OutputKind
{
    File,
    Directory,
    Symlink,
}
