using System.Text;
using Kiln.Core.Files;

namespace Kiln.Build.Stamps;

/// <summary>
/// A stamp file (.prepared, .configured, .built, ...): written only once its step has succeeded,
/// it holds the step's inputs, so that the next run knows whether the step is up to date and,
/// if not, which input changed.
/// </summary>
public static class StepStamp
{
    private const string Header = "kiln-stamp 1";

    /// <summary>The inputs recorded in a stamp, or null when there is no (valid) stamp.</summary>
    public static IReadOnlyDictionary<string, string>? Read(string path)
    {
        if (!File.Exists(path)) return null;
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header) return null;
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var tab = line.IndexOf('\t');
            if (tab > 0) entries[line[..tab]] = line[(tab + 1)..];
        }
        return entries;
    }

    /// <summary>Writes the stamp atomically (a killed build leaves either no stamp or a whole one).</summary>
    public static void Write(string path, StepInputs inputs)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (name, value) in inputs.Entries) text.Append(name).Append('\t').Append(value).Append('\n');
        AtomicFile.Write(path, text.ToString());
    }

    public static void Remove(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>Why a step with these inputs is not up to date with its stamp, or null if it is.</summary>
    public static string? WhyRun(IReadOnlyDictionary<string, string>? recorded, StepInputs inputs)
    {
        if (recorded is null) return "no stamp (never built, cleaned or interrupted)";
        var reasons = new List<string>();
        foreach (var (name, value) in inputs.Entries)
        {
            if (!recorded.TryGetValue(name, out var old)) reasons.Add($"{name}: new");
            else if (old != value) reasons.Add(name.StartsWith("config ", StringComparison.Ordinal)
                || name.StartsWith("abi ", StringComparison.Ordinal) ? $"{name}: {old} -> {value}" : $"{name}: changed");
        }
        foreach (var name in recorded.Keys)
            if (!inputs.Entries.ContainsKey(name)) reasons.Add($"{name}: gone");
        return reasons.Count == 0 ? null : string.Join("; ", reasons.Take(5)) + (reasons.Count > 5 ? $" (and {reasons.Count - 5} more)" : "");
    }
}
