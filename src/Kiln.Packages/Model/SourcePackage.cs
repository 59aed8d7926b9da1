namespace Kiln.Packages.Model;

/// <summary>A source package: one Makefile and the binary packages it defines.</summary>
public sealed record SourcePackage(
    string Makefile,
    IReadOnlyList<string> BuildDepends,
    IReadOnlyList<string> HostBuildDepends,
    IReadOnlyList<string> BuildTypes,
    IReadOnlyList<BinaryPackage> Packages);

/// <summary>A binary package as the metadata describes it; fields keep their order and text.</summary>
public sealed record BinaryPackage(string Name, IReadOnlyList<KeyValuePair<string, string>> Fields, string Description, string? Config)
{
    public string? Field(string name) => Fields.FirstOrDefault(f => f.Key == name).Value;

    public string Version => Field("Version") ?? "";

    public string Depends => Field("Depends") ?? "";

    public IReadOnlyList<Dependency> ParsedDepends => Dependency.ParseList(Depends);
}
