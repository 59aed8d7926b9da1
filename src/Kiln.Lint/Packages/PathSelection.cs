using Kiln.Core.Errors;
using Kiln.OpenWrt.Evaluation;

namespace Kiln.Lint.Packages;

/// <summary>
/// Which package directories of the tree the command line's paths cover: a path is a package
/// directory or any directory above some (a feed, a category, the tree), compared where they
/// really are, so a path through feeds/ or package/feeds/ and the feed's own checkout agree.
/// </summary>
public sealed class PathSelection
{
    private readonly string _top;
    private readonly IReadOnlyList<string> _paths;
    private readonly IReadOnlyList<string> _given;

    private PathSelection(string top, IReadOnlyList<string> paths, IReadOnlyList<string> given)
    {
        _top = top;
        _paths = paths;
        _given = given;
    }

    /// <param name="paths">As given: relative to the tree (as dump's DIR is), or absolute; none means the whole tree.</param>
    public static PathSelection Of(string top, IReadOnlyList<string> paths)
    {
        var full = paths.Select(path => Path.Combine(top, path)).ToList();
        for (var i = 0; i < paths.Count; i++)
            if (!Directory.Exists(full[i]))
                throw new UserError(File.Exists(full[i]) ? $"{paths[i]}: is a file; kiln lint takes package or feed directories"
                    : $"{paths[i]}: no such directory in the tree {top}");
        return new PathSelection(top, full.Select(MakefileDump.Canonical).ToList(), paths);
    }

    /// <summary>Whether the package directory <paramref name="directory"/> (relative to the tree) is below one of the paths.</summary>
    public bool Contains(string directory)
    {
        if (_paths.Count == 0) return true;
        var real = MakefileDump.Canonical(Path.Combine(_top, directory));
        foreach (var path in _paths)
            if (real == path || real.StartsWith(path + "/", StringComparison.Ordinal) || path == "/") return true;
        return false;
    }

    /// <summary>The paths hold no package that the tree's scan found.</summary>
    public UserError NothingThere() => new(
        $"{string.Join(", ", _given)}: no package of the tree {_top} is there (kiln lint checks the packages of the tree's package/ and feeds; --topdir names the tree)");
}
