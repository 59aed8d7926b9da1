using System.Text.Json.Nodes;
using Kiln.Core.Files;

namespace Kiln.Images.Outputs;

/// <summary>What profiles.json says of a subtarget (the fields of OpenWrt's json_overview_image_info).</summary>
public sealed record ImageOverview(
    string Target,
    string ArchPackages,
    IReadOnlyList<string> DefaultPackages,
    string VersionNumber,
    string VersionCode,
    long? SourceDateEpoch,
    string LinuxVersion,
    string LinuxRelease,
    string LinuxVermagic,
    IReadOnlyList<ImageProfile> Profiles);

/// <summary>A profile (a device, or the target's one legacy profile) and the images made for it.</summary>
/// <param name="Titles">Each title's fields: vendor, model and variant of a device, or the title of a profile that has only one.</param>
public sealed record ImageProfile(
    string Id,
    string ImagePrefix,
    IReadOnlyList<string> DevicePackages,
    IReadOnlyList<string> SupportedDevices,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Titles,
    IReadOnlyList<ProfileImage> Images);

/// <param name="Path">The image file (its name goes into the JSON, its sha256 is read from it).</param>
public sealed record ProfileImage(string Path, string Type, string Filesystem);

/// <summary>
/// bin/targets/BOARD/SUBTARGET/profiles.json as OpenWrt 24.10 writes it: one line of JSON, keys
/// in order, no final newline — what firmware selectors and ASU read.
/// </summary>
public static class ProfilesJson
{
    public const string FileName = "profiles.json";

    public static void Write(string directory, ImageOverview overview)
    {
        var profiles = new JsonObject();
        foreach (var profile in overview.Profiles.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var images = new JsonArray();
            foreach (var image in profile.Images.OrderBy(i => Path.GetFileName(i.Path), StringComparer.Ordinal))
            {
                var sha256 = FileHash.Sha256(image.Path);
                images.Add(new JsonObject
                {
                    ["filesystem"] = image.Filesystem,
                    ["name"] = Path.GetFileName(image.Path),
                    ["sha256"] = sha256,
                    ["sha256_unsigned"] = sha256,
                    ["type"] = image.Type,
                });
            }
            var titles = new JsonArray();
            foreach (var fields in profile.Titles)
            {
                var title = new JsonObject();
                foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal)) title[key] = value;
                titles.Add(title);
            }
            profiles[profile.Id] = new JsonObject
            {
                ["device_packages"] = Strings(profile.DevicePackages),
                ["image_prefix"] = profile.ImagePrefix,
                ["images"] = images,
                ["supported_devices"] = Strings(profile.SupportedDevices),
                ["titles"] = titles,
            };
        }
        var root = new JsonObject
        {
            ["arch_packages"] = overview.ArchPackages,
            ["default_packages"] = Strings(overview.DefaultPackages.Order(StringComparer.Ordinal)),
            ["linux_kernel"] = new JsonObject
            {
                ["release"] = overview.LinuxRelease,
                ["vermagic"] = overview.LinuxVermagic,
                ["version"] = overview.LinuxVersion,
            },
            ["metadata_version"] = 1,
            ["profiles"] = profiles,
        };
        if (overview.SourceDateEpoch is { } epoch) root["source_date_epoch"] = epoch;
        root["target"] = overview.Target;
        root["version_code"] = overview.VersionCode;
        root["version_number"] = overview.VersionNumber;
        AtomicFile.Write(Path.Combine(directory, FileName), System.Text.Encoding.UTF8.GetBytes(root.ToJsonString(Compact)));
    }

    // Python's json.dumps, as OpenWrt's script calls it, leaves '+', '<', '&' and the like as they are.
    private static readonly System.Text.Json.JsonSerializerOptions Compact =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
