using System.IO.Enumeration;
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

    private static readonly EnumerationOptions EnumerateAll = new() { AttributesToSkip = 0, IgnoreInaccessible = true };

    /// <summary>Directories (relative to <paramref name="scanDirectory"/>, byte order) whose Makefile qualifies.</summary>
    public static List<FoundMakefile> Find(string scanDirectory, int maxDepth, IReadOnlyList<string> calls)
    {
        var found = new List<FoundMakefile>();
        Walk(scanDirectory, "", throughLink: false, 1, maxDepth, calls, found, new HashSet<string>(StringComparer.Ordinal));
        found.Sort((a, b) => string.CompareOrdinal(a.Directory, b.Directory));
        return found;
    }

    private static void Walk(string directory, string relative, bool throughLink, int depth, int maxDepth, IReadOnlyList<string> calls,
        List<FoundMakefile> found, HashSet<string> visited)
    {
        var subdirectories = new List<(string Name, bool IsLink)>();
        var hasMakefile = false;
        try
        {
            // The entry types come with the directory read; only directories are asked whether they are links.
            var entries = new FileSystemEnumerable<(string Name, bool IsDirectory, bool IsLink)>(directory,
                (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory, entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) != 0),
                EnumerateAll)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => entry.IsDirectory || entry.FileName.SequenceEqual("Makefile"),
            };
            foreach (var (name, isDirectory, isLink) in entries)
            {
                if (!isDirectory) hasMakefile = true;
                // Links are followed like find -L; a linked directory is entered once, however many links lead to it.
                else if (!isLink) subdirectories.Add((name, false));
                else if (visited.Add(new DirectoryInfo(Path.Combine(directory, name)).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? name))
                    subdirectories.Add((name, true));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        if (hasMakefile && relative.Length > 0 && Calls(Path.Combine(directory, "Makefile"), calls)) found.Add(new FoundMakefile(relative, throughLink));
        if (depth >= maxDepth) return;
        foreach (var (name, isLink) in subdirectories)
            Walk(Path.Combine(directory, name), relative.Length == 0 ? name : relative + "/" + name, throughLink || isLink, depth + 1, maxDepth, calls, found, visited);
    }

    private static bool Calls(string makefile, IReadOnlyList<string> calls)
    {
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(makefile));
        foreach (var call in calls)
            if (text.Contains(call, StringComparison.Ordinal)) return true;
        return false;
    }
}

/// <summary>A qualifying Makefile's directory; <paramref name="ThroughLink"/> when a symbolic link below the scanned directory leads to it.</summary>
public sealed record FoundMakefile(string Directory, bool ThroughLink);
