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
/// bin/targets/BOARD/SUBTARGET/profiles.json as OpenWrt 24.10 writes it (json_overview_image_info.py
/// over the records json_add_image_info.py left): one line of JSON, keys sorted, no final newline —
/// what firmware selectors and ASU read.
/// </summary>
public static class ProfilesJson
{
    public const string FileName = "profiles.json";

    /// <summary>A subtarget whose profiles are not devices: each profile's images recorded as the device rules would record them.</summary>
    public static void Write(string directory, ImageOverview overview)
    {
        var records = new List<ImageInfo>();
        foreach (var profile in overview.Profiles)
            foreach (var image in profile.Images)
            {
                var fields = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["DEVICE_ID"] = profile.Id,
                    ["FILE_NAME"] = Path.GetFileName(image.Path),
                    ["FILE_TYPE"] = image.Type,
                    ["FILE_FILESYSTEM"] = image.Filesystem,
                    ["DEVICE_IMG_PREFIX"] = profile.ImagePrefix,
                    ["DEVICE_PACKAGES"] = string.Join(' ', profile.DevicePackages),
                    ["SUPPORTED_DEVICES"] = string.Join(' ', profile.SupportedDevices),
                    ["TARGET"] = overview.Target.Split('/')[0],
                    ["SUBTARGET"] = overview.Target.Split('/').ElementAtOrDefault(1) ?? "",
                    ["VERSION_CODE"] = overview.VersionCode,
                    ["VERSION_NUMBER"] = overview.VersionNumber,
                };
                foreach (var title in profile.Titles)
                    foreach (var (key, value) in title)
                        fields[key == "title" ? "DEVICE_TITLE" : "DEVICE_" + key.ToUpperInvariant()] = value;
                records.Add(ImageInfo.Of(fields, Path.GetDirectoryName(image.Path)!, overview.SourceDateEpoch)!);
            }
        Write(directory, overview, records);
    }

    /// <summary>
    /// profiles.json from the records of the images made now, merged as OpenWrt merges them: read in the order the
    /// file system lists their files, onto the profiles.json already there when it is of the same version code; a
    /// device's images extended, one per name (the last record, at the first one's place). Nothing is written without records.
    /// </summary>
    public static void Write(string directory, ImageOverview overview, IReadOnlyList<ImageInfo> records)
    {
        JsonObject? output = null;
        foreach (var record in records.OrderBy(r => DirectoryListingOrder.Key(r.FileName + ".json")))
        {
            var info = record.ToJson();
            output ??= Existing(directory, info) ?? info;
            var (device, profile) = info["profiles"]!.AsObject().First();
            var profiles = output["profiles"]!.AsObject();
            if (profiles[device] is JsonObject known) known["images"]!.AsArray().Add(profile!["images"]![0]!.DeepClone());
            else profiles[device] = profile!.DeepClone();
        }
        if (output is null) return;
        foreach (var (_, profile) in output["profiles"]!.AsObject())
        {
            var images = profile!["images"]!.AsArray();
            var byName = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var image in images)
            {
                var name = image!["name"]!.GetValue<string>();
                if (!byName.ContainsKey(name)) order.Add(name);
                byName[name] = image.DeepClone();
            }
            profile["images"] = new JsonArray([.. order.Select(name => byName[name])]);
        }
        output["default_packages"] = new JsonArray([.. overview.DefaultPackages.Order(StringComparer.Ordinal).Select(p => (JsonNode)JsonValue.Create(p))]);
        output["arch_packages"] = overview.ArchPackages;
        output["linux_kernel"] = new JsonObject
        {
            ["version"] = overview.LinuxVersion,
            ["release"] = overview.LinuxRelease,
            ["vermagic"] = overview.LinuxVermagic,
        };
        AtomicFile.Write(Path.Combine(directory, FileName), System.Text.Encoding.UTF8.GetBytes(PythonJson.Dumps(output)));
    }

    /// <summary>The profiles.json already in the directory, which OpenWrt keeps adding to while the version code stays the same.</summary>
    private static JsonObject? Existing(string directory, JsonObject first)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) is JsonObject existing &&
                existing["version_code"]?.GetValue<string>() == first["version_code"]!.GetValue<string>() &&
                existing["profiles"] is JsonObject
                ? existing
                : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null; // not one OpenWrt could read either: made anew
        }
    }
}
