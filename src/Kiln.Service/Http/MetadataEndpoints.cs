using System.Text.Json.Nodes;
using Kiln.Images.Outputs;
using Kiln.Service.Requests;
using Kiln.Service.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiln.Service.Http;

/// <summary>
/// ASU's <c>/json/v1</c> routes over the served tree: the overview (one branch, one version), the Firmware Selector's
/// device list, each subtarget's profiles.json, one profile, and the package index.
/// </summary>
public static class MetadataEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ServedTree tree, ServiceLimits limits, bool allowDefaults)
    {
        routes.MapGet("/json/v1/overview.json", context => ApiResponses.Json(context, 200, new JsonObject
        {
            ["latest"] = Latest(tree),
            ["branches"] = new JsonObject { [BranchOf(tree.Version)] = Branch(tree) },
            ["upstream_url"] = "",
            ["server"] = new JsonObject
            {
                ["version"] = typeof(MetadataEndpoints).Assembly.GetName().Version?.ToString() ?? "0",
                ["contact"] = "",
                ["allow_defaults"] = allowDefaults,
                ["repository_allow_list"] = new JsonArray(),
                ["max_custom_rootfs_size_mb"] = limits.MaxRootfsSizeMb,
                ["max_defaults_length"] = limits.MaxDefaultsLength,
            },
        }));
        routes.MapGet("/json/v1/latest.json", context => ApiResponses.Json(context, 200, new JsonObject { ["latest"] = Latest(tree) }));
        routes.MapGet("/json/v1/branches.json", context => ApiResponses.Json(context, 200, new JsonArray(Branch(tree))));
        routes.MapGet("/json/v1/{version}/.overview.json", context =>
        {
            if ((string)context.Request.RouteValues["version"]! != tree.Version) return ApiResponses.NotFound(context, "Not found");
            var profiles = new JsonArray();
            foreach (var subtarget in tree.Subtargets.Values)
                foreach (var profile in subtarget.Overview.Profiles)
                    profiles.Add((JsonNode)new JsonObject { ["id"] = profile.Id, ["target"] = subtarget.Id, ["titles"] = Titles(profile) });
            return ApiResponses.Json(context, 200, new JsonObject { ["release"] = tree.Version, ["image_url"] = "/targets/{target}", ["profiles"] = profiles });
        });
        routes.MapGet("/json/v1/{version}/targets/{board}/{subtarget}/{file}", context =>
        {
            var values = context.Request.RouteValues;
            var file = (string)values["file"]!;
            if ((string)values["version"]! != tree.Version || !tree.Subtargets.TryGetValue($"{values["board"]}/{values["subtarget"]}", out var subtarget)
                || !file.EndsWith(".json", StringComparison.Ordinal))
                return ApiResponses.NotFound(context, "Not found");
            if (file == "index.json") return ApiResponses.Json(context, 200, Index(subtarget));
            var profiles = Profiles(tree, subtarget);
            if (file == ProfilesJson.FileName) return ApiResponses.Json(context, 200, profiles);
            var id = file[..^".json".Length];
            var merged = ProfileAnswer.Of(profiles, id);
            if (merged is null) return ApiResponses.NotFound(context, $"no profile {id} in {subtarget.Id}");
            return ApiResponses.Json(context, 200, merged);
        });
    }

    private static JsonArray Latest(ServedTree tree) => new(JsonValue.Create(tree.Version));

    /// <summary>ASU's get_branch: "24.10-SNAPSHOT" and "24.10.1" are of 24.10; SNAPSHOT is its own.</summary>
    public static string BranchOf(string version) =>
        version == "SNAPSHOT" ? version
        : version.EndsWith("-SNAPSHOT", StringComparison.Ordinal) ? version[..^"-SNAPSHOT".Length]
        : version.Contains('.') ? version[..version.LastIndexOf('.')] : version;

    private static JsonObject Branch(ServedTree tree)
    {
        var targets = new JsonObject();
        foreach (var subtarget in tree.Subtargets.Values) targets[subtarget.Id] = subtarget.Target.ArchPackages;
        return new JsonObject
        {
            ["name"] = BranchOf(tree.Version),
            ["enabled"] = true,
            ["snapshot"] = tree.Version.EndsWith("SNAPSHOT", StringComparison.Ordinal),
            ["versions"] = new JsonArray(tree.Version),
            ["targets"] = targets,
        };
    }

    private static JsonArray Titles(ImageProfile profile)
    {
        var titles = new JsonArray();
        foreach (var title in profile.Titles)
            titles.Add((JsonNode)new JsonObject(title.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value)))));
        return titles;
    }

    /// <summary>
    /// profiles.json of a subtarget: every profile as the tree's metadata describes it (no images), with what the tree's
    /// own bin/targets/BOARD/SUBTARGET/profiles.json says over it (the images built there).
    /// </summary>
    private static JsonObject Profiles(ServedTree tree, ServedSubtarget subtarget)
    {
        var overview = subtarget.Overview;
        var profiles = new JsonObject();
        foreach (var profile in overview.Profiles)
            profiles[profile.Id] = new JsonObject
            {
                ["device_packages"] = Strings(profile.DevicePackages),
                ["images"] = new JsonArray(),
                ["supported_devices"] = Strings(profile.SupportedDevices),
                ["titles"] = Titles(profile),
            };
        var json = new JsonObject
        {
            ["arch_packages"] = overview.ArchPackages,
            ["default_packages"] = Strings(overview.DefaultPackages.Order(StringComparer.Ordinal).ToList()),
            ["linux_kernel"] = new JsonObject { ["release"] = overview.LinuxRelease, ["vermagic"] = overview.LinuxVermagic, ["version"] = overview.LinuxVersion },
            ["metadata_version"] = 1,
            ["profiles"] = profiles,
            ["source_date_epoch"] = overview.SourceDateEpoch,
            ["target"] = subtarget.Id,
            ["version_code"] = overview.VersionCode,
            ["version_number"] = tree.Version,
        };
        var built = Path.Combine(tree.TopDirectory, "bin", "targets", subtarget.Target.Board, subtarget.Target.Subtarget ?? "generic", ProfilesJson.FileName);
        if (File.Exists(built) && JsonNode.Parse(File.ReadAllText(built)) is JsonObject existing)
            foreach (var (key, value) in existing)
            {
                if (key != "profiles") json[key] = value?.DeepClone();
                else if (value is JsonObject builtProfiles)
                    foreach (var (id, profile) in builtProfiles) profiles[id] = profile?.DeepClone();
            }
        return json;
    }

    /// <summary>ASU's index.json: the architecture and every package name with its version.</summary>
    private static JsonObject Index(ServedSubtarget subtarget)
    {
        var packages = new JsonObject();
        foreach (var package in subtarget.Feed.Packages.OrderBy(p => p.Name, StringComparer.Ordinal))
            packages[package.Name] = package.Version.ToString();
        return new JsonObject { ["architecture"] = subtarget.Feed.Architecture, ["packages"] = packages };
    }

    private static JsonArray Strings(IReadOnlyList<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
