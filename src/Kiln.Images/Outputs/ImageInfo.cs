using System.Text.Json.Nodes;

namespace Kiln.Images.Outputs;

/// <summary>
/// What OpenWrt's scripts/json_add_image_info.py records of one image file for profiles.json, from
/// the values the image rule gives it (DEVICE_ID, FILE_NAME, FILE_TYPE, DEVICE_VENDOR, ...).
/// </summary>
/// <param name="Fields">The rule's values by name, as the script reads them from its environment.</param>
/// <param name="Sha256">The file's SHA-256.</param>
/// <param name="Sha256Unsigned">Its hash before signing (NAME.sha256sum beside it), else the same.</param>
public sealed record ImageInfo(IReadOnlyDictionary<string, string> Fields, string Sha256, string Sha256Unsigned, long? SourceDateEpoch)
{
    private static readonly string[] TitlePrefixes = ["", "ALT0_", "ALT1_", "ALT2_", "ALT3_", "ALT4_", "ALT5_"];

    public string DeviceId => Field("DEVICE_ID");

    public string FileName => Field("FILE_NAME");

    /// <summary>The record of the file in <paramref name="directory"/> (FILE_DIR), or null when there is no such file (the script skips it).</summary>
    public static ImageInfo? Of(IReadOnlyDictionary<string, string> fields, string directory, long? sourceDateEpoch)
    {
        var path = Path.Combine(directory, fields.GetValueOrDefault("FILE_NAME", ""));
        if (!File.Exists(path)) return null;
        var sha256 = Core.Files.FileHash.Sha256(path);
        var unsigned = File.Exists(path + ".sha256sum") ? File.ReadAllText(path + ".sha256sum").Trim() : sha256;
        return new ImageInfo(fields, sha256, unsigned, sourceDateEpoch);
    }

    private string Field(string name) => Fields.GetValueOrDefault(name, "");

    /// <summary>The script's JSON document for this file: the subtarget's fields and one profile with one image.</summary>
    public JsonObject ToJson()
    {
        var image = new JsonObject
        {
            ["type"] = Field("FILE_TYPE"),
            ["name"] = FileName,
            ["sha256"] = Sha256,
            ["sha256_unsigned"] = Sha256Unsigned,
        };
        if (Field("FILE_FILESYSTEM").Length > 0) image["filesystem"] = Field("FILE_FILESYSTEM");
        var document = new JsonObject
        {
            ["metadata_version"] = 1,
            ["target"] = $"{Field("TARGET")}/{Field("SUBTARGET")}",
            ["version_code"] = Field("VERSION_CODE"),
            ["version_number"] = Field("VERSION_NUMBER"),
        };
        if (SourceDateEpoch is { } epoch) document["source_date_epoch"] = epoch;
        document["profiles"] = new JsonObject
        {
            [DeviceId] = new JsonObject
            {
                ["image_prefix"] = Field("DEVICE_IMG_PREFIX"),
                ["images"] = new JsonArray(image),
                ["device_packages"] = Words("DEVICE_PACKAGES"),
                ["supported_devices"] = Words("SUPPORTED_DEVICES"),
                ["titles"] = Titles(),
            },
        };
        return document;
    }

    private JsonArray Words(string name) =>
        new([.. Field(name).Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(w => (JsonNode)JsonValue.Create(w))]);

    /// <summary>Vendor, model and variant of the device and of each alternative name that has one; else its title.</summary>
    private JsonArray Titles()
    {
        var titles = new JsonArray();
        foreach (var prefix in TitlePrefixes)
        {
            var title = new JsonObject();
            foreach (var part in (string[])["vendor", "model", "variant"])
                if (Field($"DEVICE_{prefix}{part.ToUpperInvariant()}") is { Length: > 0 } value) title[part] = value;
            if (title.Count > 0) titles.Add((JsonNode)title);
        }
        if (titles.Count == 0) titles.Add((JsonNode)new JsonObject { ["title"] = Field("DEVICE_TITLE") });
        return titles;
    }
}
