using Kiln.Core.Files;

namespace Kiln.OpenWrt.Scanning;

/// <summary>
/// What a directory held for a walk: whether it has a Makefile, and its subdirectories in the order it lists them.
/// </summary>
/// <param name="Stamp">The directory's own stamp, taken before it was read.</param>
public sealed record DirectoryListing(FileStamp Stamp, bool HasMakefile, IReadOnlyList<string> Subdirectories);

/// <summary>
/// The listings of an earlier walk, by directory (relative to the walked one), and those of the walk now under way. A
/// listing is taken again while its directory's stamp is unchanged — adding, removing or renaming an entry changes it —
/// with one stat instead of reading the directory. A listing is kept only when its directory had settled before the walk
/// began (<see cref="FileStamp.SettledBefore"/>) and it holds no symbolic link: what a link leads to changes without its
/// directory changing.
/// </summary>
public sealed class WalkMemory(IReadOnlyDictionary<string, DirectoryListing> earlier)
{
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly Dictionary<string, DirectoryListing> _now = new(StringComparer.Ordinal);
    private int _taken;

    /// <summary>The listings this walk kept; the earlier ones until it has gone through a directory.</summary>
    public IReadOnlyDictionary<string, DirectoryListing> Listings => _now.Count > 0 ? _now : earlier;

    /// <summary>Whether the listings to keep now differ from the earlier ones (a directory read anew, or no longer walked).</summary>
    public bool Changed => _now.Count > 0 && (_taken != _now.Count || _now.Count != earlier.Count);

    /// <summary>The earlier listing of <paramref name="relative"/>, if the directory still has the stamp it had then.</summary>
    internal DirectoryListing? Recall(string relative, FileStamp? stamp)
    {
        if (stamp is not { } now || !earlier.TryGetValue(relative, out var listing) || listing.Stamp != now) return null;
        _now[relative] = listing;
        _taken++;
        return listing;
    }

    /// <summary>Keeps a listing just read, if its directory had settled before the walk began.</summary>
    internal void Remember(string relative, DirectoryListing listing)
    {
        if (listing.Stamp.SettledBefore(_started)) _now[relative] = listing;
    }
}
