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

/// <summary>
/// The files a package brings besides its Makefile, looked for on first use: a tree has thousands of packages, and
/// most uses of it (a build of a few) look at the files of few.
/// </summary>
public sealed class PackageFiles
{
    private readonly Lazy<(string? FilesDirectory, IReadOnlyList<string> Patches, string? SourceDirectory)> _found;

    public PackageFiles(string? filesDirectory, IReadOnlyList<string> patches, string? sourceDirectory)
        : this(() => (filesDirectory, patches, sourceDirectory))
    {
    }

    /// <param name="find">Finds the files when they are first asked for.</param>
    public PackageFiles(Func<(string? FilesDirectory, IReadOnlyList<string> Patches, string? SourceDirectory)> find) => _found = new(find);

    public static readonly PackageFiles None = new(null, [], null);

    /// <summary>files/ (or FILES_DIR), when it exists.</summary>
    public string? FilesDirectory => _found.Value.FilesDirectory;

    /// <summary>The patches of patches/ (or PATCH_DIR) in the order they are applied.</summary>
    public IReadOnlyList<string> Patches => _found.Value.Patches;

    /// <summary>src/, when it exists.</summary>
    public string? SourceDirectory => _found.Value.SourceDirectory;
}
