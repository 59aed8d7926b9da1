using System.Text.Json.Nodes;

namespace Kiln.Service.Requests;

/// <summary>
/// ASU's BuildRequest, the body of <c>POST /api/v1/build</c>, with its defaults, after <see cref="BuildRequestReader"/>
/// checked every field's type and shape.
/// </summary>
/// <param name="Packages">Package names as given (a leading "+" dropped, as ASU does); "-name" takes a default package away.</param>
/// <param name="Defaults">The first-boot script (uci-defaults), or null.</param>
public sealed record BuildRequest(
    string Distro,
    string Version,
    string VersionCode,
    string Target,
    string Profile,
    IReadOnlyList<string> Packages,
    IReadOnlyDictionary<string, string> PackagesVersions,
    bool DiffPackages,
    string? Defaults,
    int? RootfsSizeMb,
    string? Filesystem,
    IReadOnlyDictionary<string, string> Repositories,
    string RepositoriesMode,
    IReadOnlyList<string> RepositoryKeys,
    string? Client)
{
    /// <summary>The names asked for: those of <see cref="PackagesVersions"/> when it has any, else <see cref="Packages"/> (ASU's rule).</summary>
    public IReadOnlyList<string> RequestedPackages => PackagesVersions.Count > 0 ? PackagesVersions.Keys.ToList() : Packages;

    /// <summary>The request as ASU's answers repeat it (<c>request</c>), every field with its value or default.</summary>
    public JsonObject ToJson() => new()
    {
        ["distro"] = Distro,
        ["version"] = Version,
        ["version_code"] = VersionCode,
        ["target"] = Target,
        ["profile"] = Profile,
        ["packages"] = new JsonArray([.. Packages.Select(p => (JsonNode)JsonValue.Create(p))]),
        ["packages_versions"] = new JsonObject(PackagesVersions.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
        ["diff_packages"] = DiffPackages,
        ["defaults"] = Defaults,
        ["rootfs_size_mb"] = RootfsSizeMb,
        ["filesystem"] = Filesystem,
        ["repositories"] = new JsonObject(Repositories.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
        ["repositories_mode"] = RepositoriesMode,
        ["repository_keys"] = new JsonArray([.. RepositoryKeys.Select(k => (JsonNode)JsonValue.Create(k))]),
        ["client"] = Client,
    };
}
