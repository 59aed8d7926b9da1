namespace Kiln.Packages.Scanning;

/// <summary>
/// What a Makefile's evaluation says about its packages beyond the .packageinfo text: its PKG_*
/// variables, whether it builds for the host, and each binary package's fields and hooks.
/// </summary>
public sealed record MakefileFacts(
    IReadOnlyList<KeyValuePair<string, string>> SourceVariables,
    bool HostBuild,
    IReadOnlyList<PackageFacts> Packages)
{
    public static readonly MakefileFacts None = new([], false, []);

    public string? Variable(string name) => SourceVariables.FirstOrDefault(v => v.Key == name).Value;

    public bool Equals(MakefileFacts? other) =>
        other is not null && HostBuild == other.HostBuild &&
        SourceVariables.SequenceEqual(other.SourceVariables) && Packages.SequenceEqual(other.Packages);

    public override int GetHashCode() => HashCode.Combine(HostBuild, SourceVariables.Count, Packages.Count);
}

/// <summary>A binary package's Package/NAME fields as BuildPackage saw them, and which Package/NAME/HOOK are defined.</summary>
public sealed record PackageFacts(string Name, IReadOnlyList<KeyValuePair<string, string>> Fields, IReadOnlyList<string> Hooks)
{
    public string? Field(string name) => Fields.FirstOrDefault(f => f.Key == name).Value;

    public bool Equals(PackageFacts? other) =>
        other is not null && Name == other.Name && Fields.SequenceEqual(other.Fields) && Hooks.SequenceEqual(other.Hooks);

    public override int GetHashCode() => HashCode.Combine(Name, Fields.Count, Hooks.Count);
}
