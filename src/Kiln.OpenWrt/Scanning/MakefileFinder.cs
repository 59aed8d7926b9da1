using System.IO.Enumeration;
using System.Text;
using Kiln.Make.Text;

namespace Kiln.OpenWrt.Scanning;

/// <summary>
/// Finds the Makefiles a metadata scan evaluates, as OpenWrt's scan does: files named Makefile
/// at most five levels below the scanned directory (symbolic links followed) that call
/// BuildPackage, KernelPackage or Build/DefaultTargets (or BuildTarget for targets).
/// </summary>
public static class MakefileFinder
{
    public static readonly string[] PackageCalls = ["call Build/DefaultTargets", "call BuildPackage", "call KernelPackage"];
    public static readonly string[] TargetCalls = ["call BuildTarget"];

    /// <summary>What a host tool's Makefile in tools/ calls.</summary>
    public static readonly string[] HostBuildCalls = ["call HostBuild"];

    private static readonly EnumerationOptions EnumerateAll = new() { AttributesToSkip = 0, IgnoreInaccessible = true };

    /// <summary>Directories (relative to <paramref name="scanDirectory"/>, byte order) whose Makefile qualifies.</summary>
    public static List<FoundMakefile> Find(string scanDirectory, int maxDepth, IReadOnlyList<string> calls) =>
        Candidates(scanDirectory, maxDepth)
            .Where(c => Qualifies(Path.Combine(scanDirectory, c.Directory, "Makefile"), calls, out _))
            .OrderBy(c => c.Directory, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The directories below <paramref name="scanDirectory"/> that hold a Makefile, depth first in
    /// the order the directories list them, found as the enumeration proceeds (so that a caller can
    /// start on the first ones while the walk goes on).
    /// </summary>
    public static IEnumerable<FoundMakefile> Candidates(string scanDirectory, int maxDepth)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Path, string Relative, bool ThroughLink, int Depth)>();
        pending.Push((scanDirectory, "", false, 1));
        while (pending.Count > 0)
        {
            var (directory, relative, throughLink, depth) = pending.Pop();
            var (hasMakefile, subdirectories) = List(directory, visited);
            if (hasMakefile && relative.Length > 0) yield return new FoundMakefile(relative, throughLink);
            if (depth >= maxDepth) continue;
            for (var i = subdirectories.Count - 1; i >= 0; i--)
            {
                var (name, isLink) = subdirectories[i];
                pending.Push((Path.Combine(directory, name), relative.Length == 0 ? name : relative + "/" + name, throughLink || isLink, depth + 1));
            }
        }
    }

    /// <summary>
    /// Whether the Makefile calls one of <paramref name="calls"/> (and so defines packages or
    /// targets); when it cannot be read, <paramref name="problem"/> says why (a directory, a link to
    /// nothing, no permission).
    /// </summary>
    public static bool Qualifies(string makefile, IReadOnlyList<string> calls, out string? problem)
    {
        problem = null;
        string text;
        try
        {
            text = Encoding.Latin1.GetString(File.ReadAllBytes(makefile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = Directory.Exists(makefile) ? "is a directory, not a Makefile"
                : !File.Exists(makefile) && new FileInfo(makefile).LinkTarget is { } target ? $"is a symbolic link to {target}, which does not exist"
                : "cannot be read: " + SystemErrors.Describe(e);
            return false;
        }
        foreach (var call in calls)
            if (text.Contains(call, StringComparison.Ordinal)) return true;
        return false;
    }

    private static (bool HasMakefile, List<(string Name, bool IsLink)> Subdirectories) List(string directory, HashSet<string> visited)
    {
        var subdirectories = new List<(string Name, bool IsLink)>();
        var hasMakefile = false;
        try
        {
            // The entry types come with the directory read; only directories are asked whether they are links.
            var entries = new FileSystemEnumerable<(string Name, bool IsDirectory, bool IsLink)>(directory,
                (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory, entry.IsDirectory
                    && (entry.Attributes & FileAttributes.ReparsePoint) != 0),
                EnumerateAll)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => entry.IsDirectory || entry.FileName.SequenceEqual("Makefile"),
            };
            foreach (var (name, isDirectory, isLink) in entries)
            {
                // A directory named Makefile is found as find -name finds it (and then refused as no Makefile).
                if (!isDirectory || name == "Makefile") hasMakefile = true;
                if (!isDirectory) continue;
                // Links are followed like find -L; a linked directory is entered once, however many links lead to it.
                if (!isLink) subdirectories.Add((name, false));
                else if (visited.Add(new DirectoryInfo(Path.Combine(directory, name)).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? name))
                    subdirectories.Add((name, true));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (false, []);
        }
        return (hasMakefile, subdirectories);
    }
}

/// <summary>A qualifying Makefile's directory; <paramref name="ThroughLink"/> when a symbolic link below the scanned directory leads to it.</summary>
public sealed record FoundMakefile(string Directory, bool ThroughLink);
