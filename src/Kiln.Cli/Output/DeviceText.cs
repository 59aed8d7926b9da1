using System.Text;
using Kiln.Make.Text;
using Kiln.Targets.Devices;
using Kiln.Targets.Plans;

namespace Kiln.Cli.Output;

/// <summary>Devices and plans as text for a person.</summary>
public static class DeviceText
{
    /// <summary>A device: where it is defined, its variables, then its plan.</summary>
    public static string Describe(DeviceSet set, Device device)
    {
        var text = new StringBuilder();
        text.Append($"{device.Name}: {device.Variable("DEVICE_TITLE")}\n");
        text.Append($"  target      {set.Target}\n");
        text.Append($"  defined at  {device.Definition.File}:{device.Definition.Line}\n");
        text.Append($"  selected    {(device.Selected ? "yes" : "no (not in the configuration)")}\n");
        text.Append("Variables:\n");
        var width = device.Variables.Max(v => v.Key.Length);
        foreach (var (name, value) in device.Variables.OrderBy(v => v.Key, StringComparer.Ordinal))
            if (value.Length > 0) text.Append($"  {name.PadRight(width)}  {value.Replace("\n", " ")}\n");
        if (set.Plans.FirstOrDefault(p => p.Device == device.Name) is { } plan)
        {
            text.Append("Plan:\n");
            text.Append(Plan(plan));
        }
        return ByteText.ToOs(text.ToString());
    }

    /// <summary>A device's files, each with its inputs and then its steps, one per line.</summary>
    public static string Plan(DevicePlan plan)
    {
        var text = new StringBuilder();
        text.Append(plan.Device).Append('\n');
        foreach (var file in plan.Files)
        {
            var name = file.Name.Length > 0 ? file.Name : Path.GetFileName(file.Target) + " (not installed)";
            var what = file.Filesystem is null ? file.Type : $"{file.Type}, {file.Filesystem}";
            text.Append($"  {name} [{what}]\n");
            foreach (var step in file.Steps)
                text.Append($"      {step}{(step.BoardDefined ? "    (board-defined)" : "")}\n");
        }
        return text.ToString();
    }
}
