using System.Text;

namespace Kiln.Packages.Scanning;

/// <summary>
/// Finds the Makefiles a metadata scan evaluates, as OpenWrt's scan does: files named Makefile
/// at most five levels below the scanned directory (symbolic links followed) that call
/// BuildPackage, KernelPackage or Build/DefaultTargets (or BuildTarget for targets).
/// </summary>
public static class MakefileFinder
{
    public static readonly string[] PackageCalls = ["call Build/DefaultTargets", "call BuildPackage", "call KernelPackage"];
    public static readonly string[] TargetCalls = ["call BuildTarget"];

    /// <summary>Directories (relative to <paramref name="scanDirectory"/>, byte order) whose Makefile qualifies.</summary>
    public static List<string> Find(string scanDirectory, int maxDepth, IReadOnlyList<string> calls)
    {
        var found = new List<string>();
        Walk(scanDirectory, "", 1, maxDepth, calls, found, new HashSet<string>(StringComparer.Ordinal));
        found.Sort(string.CompareOrdinal);
        return found;
    }

    private static void Walk(string directory, string relative, int depth, int maxDepth, IReadOnlyList<string> calls, List<string> found, HashSet<string> visited)
    {
        var real = new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(directory);
        if (!visited.Add(real)) return;
        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            if (Directory.Exists(entry))
            {
                if (depth < maxDepth) Walk(entry, relative.Length == 0 ? name : relative + "/" + name, depth + 1, maxDepth, calls, found, visited);
            }
            else if (name == "Makefile" && relative.Length > 0 && Calls(entry, calls))
            {
                found.Add(relative);
            }
        }
    }

    private static bool Calls(string makefile, IReadOnlyList<string> calls)
    {
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(makefile));
        foreach (var call in calls)
            if (text.Contains(call, StringComparison.Ordinal)) return true;
        return false;
    }
}
