using Kiln.Pipeline.Images;

namespace Kiln.Cli.Output;

/// <summary>
/// <c>kiln image --dry-run --json</c>: the subtarget, the profile (names separated by spaces, null
/// for the target's own), and each package in install order with its version, why it is there,
/// whether a request named it, and its feed.
/// </summary>
public static class DryRunJson
{
    public static void Write(Stream stream, ImageDryRun resolved)
    {
        using var json = JsonText.Writer(stream);
        json.WriteStartObject();
        json.WriteString("target", resolved.Target.Id);
        if (resolved.Profiles.Count == 0) json.WriteNull("profile");
        else json.WriteString("profile", string.Join(' ', resolved.Profiles.Select(p => p.DeviceName)));
        json.WriteStartArray("packages");
        foreach (var planned in resolved.Plan.Packages)
        {
            json.WriteStartObject();
            json.WriteString("name", planned.Package.Name);
            json.WriteString("version", planned.Package.Version.ToString());
            json.WriteString("reason", planned.Reason);
            json.WriteBoolean("requested", planned.Requested);
            json.WriteString("feed", planned.Package.Feed);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }
}
