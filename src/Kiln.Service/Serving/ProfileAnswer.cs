using System.Globalization;
using System.Text.Json.Nodes;

namespace Kiln.Service.Serving;

/// <summary>
/// ASU's view of one profile of a profiles.json: the file's fields without <c>profiles</c>, the profile's own fields
/// over them, its <c>id</c>, and <c>build_at</c> (source_date_epoch as a UTC time), as json_v1_profile and a finished
/// build's answer give it.
/// </summary>
public static class ProfileAnswer
{
    /// <summary>The merged profile, or null when the profiles.json has no such profile.</summary>
    public static JsonObject? Of(JsonObject profilesJson, string id)
    {
        if (profilesJson["profiles"]?[id] is not JsonObject profile) return null;
        var merged = new JsonObject();
        foreach (var (key, value) in profilesJson)
            if (key != "profiles") merged[key] = value?.DeepClone();
        foreach (var (key, value) in profile) merged[key] = value?.DeepClone();
        merged["id"] = id;
        var epoch = profilesJson["source_date_epoch"] is JsonValue number && number.TryGetValue<long>(out var seconds) ? seconds : 0;
        merged["build_at"] = DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        return merged;
    }
}
