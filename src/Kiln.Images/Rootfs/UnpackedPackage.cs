using Kiln.Packing.Ipk;

namespace Kiln.Images.Rootfs;

/// <summary>A configuration file a package marks, and the SHA-256 opkg records for it (none when it is not a readable file).</summary>
internal sealed record Conffile(string Path, string? Sha256);

/// <summary>
/// A package as installed in the root: its plan entry, its own control file (from the .ipk), the
/// files and links opkg lists for it, its conffiles and its alternatives.
/// </summary>
internal sealed record UnpackedPackage(PlannedPackage Planned, ControlFile Control, IReadOnlyList<string> Files,
    IReadOnlyList<Conffile> Conffiles, IReadOnlyList<OpkgAlternative> Alternatives)
{
    public string Name => Planned.Package.Name;
}
