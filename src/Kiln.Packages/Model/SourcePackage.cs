namespace Kiln.Packages.Model;

/// <summary>
/// A source package: one Makefile, the PKG_* variables it sets, where its extra files are, and
/// the binary packages it defines. Paths are relative to the tree.
/// </summary>
public sealed record SourcePackage(
    string Makefile,
    string Directory,
    string Feed,
    IReadOnlyList<KeyValuePair<string, string>> Variables,
    bool HostBuild,
    IReadOnlyList<string> BuildDepends,
    IReadOnlyList<string> HostBuildDepends,
    IReadOnlyList<string> BuildTypes,
    PackageFiles Files,
    IReadOnlyList<BinaryPackage> Packages)
{
    /// <summary>A PKG_* (or other source) variable as the Makefile left it, or null if it is not set.</summary>
    public string? Variable(string name) => Variables.FirstOrDefault(v => v.Key == name).Value;

    public string Name => Variable("PKG_NAME") ?? System.IO.Path.GetFileName(Directory);

    /// <summary>
    /// The variant built when none of its variant packages is selected, as OpenWrt's package-metadata.pl picks it: the first
    /// VARIANT of its packages (not BUILDONLY ones, nor "*"), or the last one marked DEFAULT_VARIANT; "" when none has one.
    /// </summary>
    public string DefaultVariant
    {
        get
        {
            var chosen = "";
            foreach (var package in Packages)
                if (!package.BuildOnly && package.Variant is { Length: > 0 } variant and not "*" && (chosen.Length == 0 || package.DefaultVariant))
                    chosen = variant;
            return chosen;
        }
    }
}

/// <summary>The files a package brings besides its Makefile.</summary>
/// <param name="FilesDirectory">files/ (or FILES_DIR), when it exists.</param>
/// <param name="Patches">The patches of patches/ (or PATCH_DIR) in the order they are applied.</param>
/// <param name="SourceDirectory">src/, when it exists.</param>
public sealed record PackageFiles(string? FilesDirectory, IReadOnlyList<string> Patches, string? SourceDirectory)
{
    public static readonly PackageFiles None = new(null, [], null);
}
