namespace Kiln.Targets.Plans;

/// <summary>
/// Compares Kiln's plans with what OpenWrt runs, as a dry run (<c>make -n install</c> in the
/// image directory) prints it: for every device the dry run builds, the same files (by the names
/// profiles.json records), and for each file its recipe found there, command for command.
/// </summary>
public static class DryRunComparison
{
    /// <param name="dryRun">The dry run's lines, with the tree written as it is in the plans.</param>
    public static IReadOnlyList<DeviceComparison> Compare(IReadOnlyList<string> dryRunLines, IReadOnlyList<DevicePlan> plans)
    {
        // Shell comments run nothing (recipes may hold some, and make -n prints them).
        var dryRun = dryRunLines.Where(line => !line.TrimStart(' ', '\t').StartsWith('#')).ToList();
        var expected = FilesByDevice(dryRun);
        var starts = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < dryRun.Count; i++)
        {
            if (!starts.TryGetValue(dryRun[i], out var at)) starts[dryRun[i]] = at = [];
            at.Add(i);
        }
        // The dry run names a device by DEVICE_NAME, which a device block may change (even to one
        // another device has too: their files are then listed under the one name).
        var byDevice = plans.GroupBy(p => p.DeviceId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.SelectMany(p => p.Files).ToList(),
            StringComparer.Ordinal);
        var results = new List<DeviceComparison>();
        foreach (var (device, files) in expected.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!byDevice.TryGetValue(device, out var planFiles))
            {
                results.Add(new DeviceComparison(device, ["no plan for this device"]));
                continue;
            }
            var problems = new List<string>();
            var planned = new Dictionary<string, PlannedFile>(StringComparer.Ordinal);
            foreach (var file in planFiles.Where(f => f.Profile.Count > 0)) planned.TryAdd(file.Profile.First(p => p.Key == "FILE_NAME").Value, file);
            foreach (var (name, fields) in files)
            {
                if (!planned.TryGetValue(name, out var file)) problems.Add($"the dry run makes {name}, the plan does not");
                else problems.AddRange(ProfileDifferences(name, fields, file.Profile));
            }
            foreach (var extra in planned.Keys.Where(name => !files.ContainsKey(name))) problems.Add($"the plan makes {extra}, the dry run does not");
            // make builds a kernel only for the images and artifacts made from it.
            var kernelUsed = planFiles.Any(f => f.Kind is FileKind.Image or FileKind.Artifact);
            foreach (var file in planFiles.Where(f => f.Kind != FileKind.Kernel || kernelUsed))
            {
                if (FindRecipe(dryRun, starts, file) is { } problem) problems.Add($"{Path.GetFileName(file.Target)}: {problem}");
            }
            results.Add(new DeviceComparison(device, problems));
        }
        return results;
    }

    /// <summary>The files each device makes, by the json_add_image_info.py lines: FILE_NAME and every field, per DEVICE_ID.</summary>
    private static Dictionary<string, Dictionary<string, Dictionary<string, string>>> FilesByDevice(IReadOnlyList<string> dryRun)
    {
        var files = new Dictionary<string, Dictionary<string, Dictionary<string, string>>>(StringComparer.Ordinal);
        foreach (var line in dryRun)
        {
            if (!line.StartsWith("DEVICE_ID=", StringComparison.Ordinal) || !line.Contains("json_add_image_info.py", StringComparison.Ordinal))
                continue;
            var fields = Assignments(line);
            if (!fields.TryGetValue("DEVICE_ID", out var device) || !fields.TryGetValue("FILE_NAME", out var name)) continue;
            if (!files.TryGetValue(device, out var byName)) files[device] = byName = new(StringComparer.Ordinal);
            byName.TryAdd(name, fields);
        }
        return files;
    }

    /// <summary>The NAME=value and NAME="value" words a command line starts with.</summary>
    private static Dictionary<string, string> Assignments(string line)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
        while (at < line.Length)
        {
            var equals = at;
            while (equals < line.Length && (char.IsAsciiLetterOrDigit(line[equals]) || line[equals] == '_')) equals++;
            if (equals == at || equals >= line.Length || line[equals] != '=') break;
            var name = line[at..equals];
            var start = equals + 1;
            int end;
            if (start < line.Length && line[start] == '"')
            {
                end = line.IndexOf('"', start + 1);
                if (end < 0) break;
                fields[name] = line[(start + 1)..end];
                end++;
            }
            else
            {
                end = line.IndexOf(' ', start);
                if (end < 0) end = line.Length;
                fields[name] = line[start..end];
            }
            at = end;
            while (at < line.Length && line[at] == ' ') at++;
        }
        return fields;
    }

    private static IEnumerable<string> ProfileDifferences(string file, Dictionary<string, string> expected,
        IReadOnlyList<KeyValuePair<string, string>> profile)
    {
        foreach (var (name, value) in profile)
        {
            if (!expected.TryGetValue(name, out var recorded)) yield return $"{file}: profiles.json field {name} is not in the dry run";
            else if (recorded != value) yield return $"{file}: profiles.json field {name} is \"{value}\", the dry run has \"{recorded}\"";
        }
    }

    /// <summary>Null if the file's whole recipe appears in the dry run; otherwise what differs where it comes closest.</summary>
    private static string? FindRecipe(IReadOnlyList<string> dryRun, Dictionary<string, List<int>> starts, PlannedFile file)
    {
        var recipe = file.Recipe;
        if (!starts.TryGetValue(recipe[0].Command, out var candidates)) return $"the dry run never runs \"{recipe[0].Command}\"";
        var best = (Matched: -1, At: 0);
        foreach (var start in candidates)
        {
            var matched = 0;
            while (matched < recipe.Count && start + matched < dryRun.Count && dryRun[start + matched] == recipe[matched].Command) matched++;
            if (matched == recipe.Count) return null;
            if (matched > best.Matched) best = (matched, start);
        }
        var index = best.Matched;
        var actual = best.At + index < dryRun.Count ? dryRun[best.At + index] : "(end of the dry run)";
        var step = recipe[index].Step >= 0 ? $" (step {file.Steps[recipe[index].Step]})" : "";
        return $"command {index + 1}{step} is \"{recipe[index].Command}\", the dry run has \"{actual}\"";
    }
}

/// <summary>One device of a dry run: what differs from Kiln's plan (nothing when it matches).</summary>
public sealed record DeviceComparison(string Device, IReadOnlyList<string> Problems)
{
    public bool Matches => Problems.Count == 0;
}
