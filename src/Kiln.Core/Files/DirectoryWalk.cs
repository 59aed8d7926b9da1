namespace Kiln.Core.Files;

/// <summary>The entries below a directory, without going into linked directories (a link is an entry of its own, as tar and cp -a see it).</summary>
public static class DirectoryWalk
{
    /// <summary>Every file, directory and link below <paramref name="root"/>, in ordinal order of their paths (a directory before what it holds).</summary>
    public static List<string> Entries(string root)
    {
        var entries = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        var options = new EnumerationOptions { AttributesToSkip = 0 };
        while (pending.Count > 0)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(pending.Pop(), "*", options))
            {
                entries.Add(entry);
                // A link to a directory (ncurses stages include/ncursesw as a link to itself) is not walked into.
                if (new FileInfo(entry).LinkTarget is null && Directory.Exists(entry)) pending.Push(entry);
            }
        }
        entries.Sort(StringComparer.Ordinal);
        return entries;
    }
}
