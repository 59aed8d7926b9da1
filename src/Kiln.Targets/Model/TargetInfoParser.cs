namespace Kiln.Targets.Model;

/// <summary>Reads .targetinfo text (what <c>kiln dump targets</c> and OpenWrt's scan print) into targets.</summary>
public static class TargetInfoParser
{
    public static IReadOnlyList<Target> Parse(string text)
    {
        var lines = text.Split('\n');
        var targets = new List<Target>();
        var sourceMakefile = "";
        var i = 0;
        while (i < lines.Length)
        {
            if (TryField(lines[i], "Source-Makefile", out var makefile)) sourceMakefile = makefile;
            if (lines[i].StartsWith("Target: ", StringComparison.Ordinal)) targets.Add(ReadTarget(lines, ref i, sourceMakefile));
            else i++;
        }
        return targets;
    }

    private static Target ReadTarget(string[] lines, ref int i, string sourceMakefile)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var description = "";
        var profiles = new List<TargetProfile>();
        fields["Target"] = lines[i]["Target: ".Length..];
        i++;
        while (i < lines.Length && !lines[i].StartsWith("Target: ", StringComparison.Ordinal) && !lines[i].StartsWith("Source-Makefile: ",
            StringComparison.Ordinal))
        {
            var line = lines[i];
            if (line == "Target-Description:")
            {
                i++;
                description = ReadUntilMarker(lines, ref i);
                continue;
            }
            if (line.StartsWith("Target-Profile: ", StringComparison.Ordinal))
            {
                profiles.Add(ReadProfile(lines, ref i));
                continue;
            }
            if (Split(line) is { } field) fields[field.Key] = field.Value;
            i++;
        }
        var id = fields["Target"];
        var slash = id.IndexOf('/');
        string Field(string name) => fields.GetValueOrDefault(name, "");
        return new Target(
            id, Field("Target-Board"), slash < 0 ? null : id[(slash + 1)..], Field("Target-Name"), Field("Target-Arch"),
            Field("Target-Arch-Packages"), Words(Field("Target-Features")), Words(Field("Target-Depends")), Field("Target-Optimization"),
            Field("CPU-Type"), Field("Linux-Version"), fields.GetValueOrDefault("Linux-Testing-Version"), Field("Linux-Release"),
            Field("Linux-Kernel-Arch"), fields.GetValueOrDefault("Default-Subtarget"), description, Words(Field("Default-Packages")),
            profiles, sourceMakefile);
    }

    private static TargetProfile ReadProfile(string[] lines, ref int i)
    {
        var id = lines[i]["Target-Profile: ".Length..];
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? config = null;
        var description = "";
        i++;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (line == "Target-Profile-Config:")
            {
                i++;
                config = ReadUntilMarker(lines, ref i);
                continue;
            }
            if (line == "Target-Profile-Description:")
            {
                i++;
                description = ReadUntilMarker(lines, ref i);
                break;
            }
            if (Split(line) is { } field) fields[field.Key] = field.Value;
            i++;
        }
        return new TargetProfile(
            id,
            fields.GetValueOrDefault("Target-Profile-Name", ""),
            int.TryParse(fields.GetValueOrDefault("Target-Profile-Priority"), out var priority) ? priority : null,
            Words(fields.GetValueOrDefault("Target-Profile-Packages", "")),
            fields.TryGetValue("Target-Profile-hasImageMetadata", out var metadata) ? metadata == "1" : null,
            Words(fields.GetValueOrDefault("Target-Profile-SupportedDevices", "")),
            fields.GetValueOrDefault("Target-Profile-Broken"),
            fields.GetValueOrDefault("Target-Profile-Default"),
            config,
            description);
    }

    /// <summary>Lines up to "@@" (consumed), joined.</summary>
    private static string ReadUntilMarker(string[] lines, ref int i)
    {
        var start = i;
        while (i < lines.Length && lines[i] != "@@") i++;
        var text = string.Join('\n', lines[start..i]);
        if (i < lines.Length) i++;
        return text;
    }

    private static KeyValuePair<string, string>? Split(string line)
    {
        var colon = line.IndexOf(':');
        if (colon <= 0) return null;
        var value = line[(colon + 1)..];
        return new(line[..colon], value.StartsWith(' ') ? value[1..] : value);
    }

    private static bool TryField(string line, string name, out string value)
    {
        value = "";
        if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length < name.Length + 2 || line[name.Length] != ':'
            || line[name.Length + 1] != ' ') return false;
        value = line[(name.Length + 2)..];
        return true;
    }

    private static string[] Words(string value) => value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
