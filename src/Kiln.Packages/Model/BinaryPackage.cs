namespace Kiln.Packages.Model;

/// <summary>
/// A binary package: the metadata lines of the scan (fields keep their order and text), the
/// Package/NAME variables as BuildPackage saw them, and which Package/NAME/HOOK sections exist.
/// </summary>
public sealed record BinaryPackage(
    string Name,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    string Description,
    string? Config,
    IReadOnlyList<KeyValuePair<string, string>> Variables,
    IReadOnlyList<string> Hooks)
{
    public string? Field(string name) => Fields.FirstOrDefault(f => f.Key == name).Value;

    /// <summary>A Package/NAME variable (SECTION, TITLE, PKGARCH, ...), or null if the scan did not see it.</summary>
    public string? Variable(string name) => Variables.FirstOrDefault(v => v.Key == name).Value;

    public string Version => Field("Version") ?? "";

    public string Depends => Field("Depends") ?? "";

    public IReadOnlyList<Dependency> ParsedDepends => Dependency.ParseList(Depends);

    public string AbiVersion => Field("ABI-Version") ?? "";

    /// <summary>Its VARIANT: the build of its source that packs it ("" for none, "*" for every build whose Makefile installs it).</summary>
    public string Variant => Field("Build-Variant") ?? "";

    /// <summary>DEFAULT_VARIANT: its variant is the one built when no package of a variant is selected.</summary>
    public bool DefaultVariant => Field("Default-Variant") is not null;

    /// <summary>BUILDONLY: built for the packages that need it, never selected or packed itself.</summary>
    public bool BuildOnly => Field("Build-Only") is { Length: > 0 };

    /// <summary>
    /// The name the package is installed under: with ABI_VERSION it gets a suffix (after a '-' when
    /// the name ends in a digit), except kernel modules, as OpenWrt names them.
    /// </summary>
    public string InstalledName => InstalledNameOf(Name, AbiVersion);

    public static string InstalledNameOf(string name, string abiVersion)
    {
        if (abiVersion.Length == 0 || name.StartsWith("kmod-", StringComparison.Ordinal)) return name;
        return name + (char.IsAsciiDigit(name[^1]) ? "-" : "") + abiVersion;
    }
}
