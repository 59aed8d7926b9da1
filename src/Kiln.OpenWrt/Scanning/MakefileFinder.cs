using System.Text;
using Kiln.Core.Files;
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

    /// <summary>Directories (relative to <paramref name="scanDirectory"/>, byte order) whose Makefile qualifies.</summary>
    public static List<FoundMakefile> Find(string scanDirectory, int maxDepth, IReadOnlyList<string> calls) =>
        Candidates(scanDirectory, maxDepth)
            .Where(c => Qualifying(Path.Combine(scanDirectory, c.Directory, "Makefile"), calls, out _) is not null)
            .OrderBy(c => c.Directory, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The directories below <paramref name="scanDirectory"/> that hold a Makefile, depth first in
    /// the order the directories list them, found as the enumeration proceeds (so that a caller can
    /// start on the first ones while the walk goes on). With a <paramref name="memory"/>, an unchanged
    /// directory's listing is taken from it, and the listings read are kept in it.
    /// </summary>
    public static IEnumerable<FoundMakefile> Candidates(string scanDirectory, int maxDepth, WalkMemory? memory = null)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Path, string Relative, bool ThroughLink, int Depth)>();
        pending.Push((scanDirectory, "", false, 1));
        while (pending.Count > 0)
        {
            var (directory, relative, throughLink, depth) = pending.Pop();
            var (hasMakefile, subdirectories) = Listing(directory, relative, visited, memory);
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
    /// The Makefile's bytes when it calls one of <paramref name="calls"/> (and so defines packages or
    /// targets), for the evaluation to read them rather than the file again; null when it does not, or
    /// cannot be read: then <paramref name="problem"/> says why (a directory, a link to nothing, no permission).
    /// </summary>
    public static byte[]? Qualifying(string makefile, IReadOnlyList<string> calls, out string? problem)
    {
        problem = null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(makefile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = Directory.Exists(makefile) ? "is a directory, not a Makefile"
                : !File.Exists(makefile) && new FileInfo(makefile).LinkTarget is { } target ? $"is a symbolic link to {target}, which does not exist"
                : "cannot be read: " + SystemErrors.Describe(e);
            return null;
        }
        // Searched as bytes: the calls are ASCII, and a Makefile need not be text in any encoding.
        foreach (var call in calls)
            if (bytes.AsSpan().IndexOf(Encoding.Latin1.GetBytes(call)) >= 0) return bytes;
        return null;
    }

    private static (bool HasMakefile, List<(string Name, bool IsLink)> Subdirectories) Listing(string directory, string relative,
        HashSet<string> visited, WalkMemory? memory)
    {
        if (memory is null)
        {
            var (has, names, _) = Read(directory, visited);
            return (has, names);
        }
        // The stamp is taken before the directory is read: a change made meanwhile leaves it older than the directory.
        var stamp = FileStatus.Stat(directory) is { IsDirectory: true } status ? status.Stamp : (FileStamp?)null;
        if (memory.Recall(relative, stamp) is { } kept) return (kept.HasMakefile, kept.Subdirectories.Select(name => (name, false)).ToList());
        var (hasMakefile, subdirectories, sawLink) = Read(directory, visited);
        if (stamp is { } read && !sawLink) memory.Remember(relative, new DirectoryListing(read, hasMakefile, [.. subdirectories.Select(s => s.Name)]));
        return (hasMakefile, subdirectories);
    }

    /// <summary>A directory's listing, and whether it holds a symbolic link (to a directory or not).</summary>
    private static (bool HasMakefile, List<(string Name, bool IsLink)> Subdirectories, bool SawLink) Read(string directory, HashSet<string> visited)
    {
        // The types come with the directory read: only links, and entries of a file system that records no type, are stat'ed.
        if (DirectoryEntries.Read(directory, static (name, type) => type is DirectoryEntryType.Directory or DirectoryEntryType.SymbolicLink
                or DirectoryEntryType.Unknown || name.SequenceEqual("Makefile"u8)) is not { } entries)
            return (false, [], false);
        var subdirectories = new List<(string Name, bool IsLink)>();
        var hasMakefile = false;
        var sawLink = false;
        foreach (var (name, type) in entries)
        {
            var path = Path.Combine(directory, name);
            var isDirectory = type == DirectoryEntryType.Directory
                || type is DirectoryEntryType.SymbolicLink or DirectoryEntryType.Unknown && FileStatus.Stat(path) is { IsDirectory: true };
            // A directory named Makefile is found as find -name finds it (and then refused as no Makefile).
            hasMakefile |= name == "Makefile";
            var isLink = type == DirectoryEntryType.SymbolicLink || type == DirectoryEntryType.Unknown && FileStatus.IsSymbolicLink(path);
            sawLink |= isLink;
            if (!isDirectory) continue;
            // Links are followed like find -L; a linked directory is entered once, however many links lead to it.
            if (!isLink) subdirectories.Add((name, false));
            else if (visited.Add(new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? name))
                subdirectories.Add((name, true));
        }
        return (hasMakefile, subdirectories, sawLink);
    }
}

/// <summary>A qualifying Makefile's directory; <paramref name="ThroughLink"/> when a symbolic link below the scanned directory leads to it.</summary>
public sealed record FoundMakefile(string Directory, bool ThroughLink);
