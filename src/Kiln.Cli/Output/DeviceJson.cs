using System.Text.Json;
using Kiln.Targets.Devices;
using Kiln.Targets.Plans;
using static Kiln.Cli.Output.JsonText;

namespace Kiln.Cli.Output;

/// <summary>
/// Devices as JSON: per device its id, every device variable by OpenWrt's name (expanded), and
/// the files its build makes, each with its pipeline steps (and, in detail, the shell commands).
/// </summary>
public static class DeviceJson
{
    public static void Write(Stream stream, DeviceSet set, IEnumerable<Device> devices, bool detailed)
    {
        var plans = set.Plans.ToDictionary(p => p.Device, StringComparer.Ordinal);
        using var json = JsonText.Writer(stream);
        json.WriteStartArray();
        foreach (var device in devices)
        {
            json.WriteStartObject();
            json.WriteString("id", Os(device.Name));
            json.WriteString("target", Os(set.Target));
            json.WriteBoolean("selected", device.Selected);
            json.WriteString("definition", Os($"{device.Definition.File}:{device.Definition.Line}"));
            WriteMap(json, "vars", device.Variables);
            WriteMap(json, "pipelines", device.Pipelines.Concat(device.Images.Select(i => KeyValuePair.Create($"IMAGE/{i.Image}/{i.Filesystem}",
                i.Pipeline))));
            if (plans.TryGetValue(device.Name, out var plan))
            {
                json.WriteStartArray("images");
                foreach (var file in plan.Files) WriteFile(json, file, detailed);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteFile(Utf8JsonWriter json, PlannedFile file, bool detailed)
    {
        json.WriteStartObject();
        json.WriteString("name", Os(file.Name));
        json.WriteString("kind", file.Kind.ToString().ToLowerInvariant());
        json.WriteString("type", Os(file.Type));
        if (file.Filesystem is null) json.WriteNull("filesystem");
        else json.WriteString("filesystem", Os(file.Filesystem));
        json.WriteString("target", Os(file.Target));
        WriteList(json, "inputs", file.Inputs);
        json.WriteStartArray("steps");
        foreach (var step in file.Steps)
        {
            json.WriteStartObject();
            json.WriteString("command", Os(step.Command));
            WriteList(json, "args", step.Arguments);
            if (step.BoardDefined) json.WriteBoolean("boardDefined", true);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (file.Profile.Count > 0) WriteMap(json, "profile", file.Profile);
        if (detailed) WriteList(json, "commands", file.Recipe.Select(c => c.Command));
        json.WriteEndObject();
    }
}
